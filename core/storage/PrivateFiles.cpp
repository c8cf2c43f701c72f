#include "PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ot {

namespace {

constexpr mode_t FileMode = S_IRUSR | S_IWUSR;
constexpr mode_t FolderMode = S_IRWXU;

QString reason(int error) {
    if (error == EACCES || error == EPERM || error == EROFS)
        return QStringLiteral("its folder is not writable");
    return qt_error_string(error);
}

} // namespace

Result<void> createPrivateFile(const QString &path) {
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, FileMode);
    if (fd < 0) {
        if (errno == EEXIST)
            return {};
        return Error::storage(QStringLiteral("cannot create %1: %2").arg(path, reason(errno)));
    }
    // A umask may take the owner's own bits too (0277 would leave a file its owner cannot write).
    // On a descriptor of a file just created this cannot fail, and the mode it corrects is never
    // more open than 0600.
    static_cast<void>(::fchmod(fd, FileMode));
    ::close(fd);
    return {};
}

Result<void> createPrivateFolder(const QString &folder) {
    QStringList missing;
    QFileInfo existing(QDir::cleanPath(QFileInfo(folder).absoluteFilePath()));
    while (!existing.exists()) {
        missing.prepend(existing.absoluteFilePath());
        existing.setFile(existing.absolutePath());
    }
    if (!existing.isDir())
        return Error::storage(QStringLiteral("cannot create the folder %1: %2 is not a folder")
                                  .arg(folder, existing.absoluteFilePath()));
    for (const QString &path : missing) {
        const QByteArray name = QFile::encodeName(path);
        if (::mkdir(name.constData(), FolderMode) == 0) {
            // As for files: the umask may have taken the owner's own bits.
            static_cast<void>(::chmod(name.constData(), FolderMode));
            continue;
        }
        const int error = errno;
        if (error == EEXIST && QFileInfo(path).isDir())
            continue; // made meanwhile by another process
        return Error::storage(
            QStringLiteral("cannot create the folder %1: %2").arg(path, reason(error)));
    }
    return {};
}

} // namespace ot
