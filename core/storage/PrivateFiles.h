#pragma once

#include "es/Result.h"

#include <QFileDevice>

namespace ot {

// What OrderTrail makes holds the order history and who changed it, so only the owner may read
// or write it: files 0600, folders 0700, whatever the process umask (which is process-wide, so
// it is never changed). What exists already keeps the permissions its owner gave it.

constexpr QFileDevice::Permissions PrivateFilePermissions =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Creates `path` as an empty private file. A file that exists already, or that another process
// creates meanwhile, is left as it is.
Result<void> createPrivateFile(const QString &path);

// Creates `folder` and every missing folder above it as private folders.
Result<void> createPrivateFolder(const QString &folder);

} // namespace ot
