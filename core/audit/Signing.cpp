#include "Signing.h"

#include "es/Sha256.h"
#include "storage/PrivateFiles.h"

#include <QFile>

#include <openssl/evp.h>
#include <openssl/pem.h>

namespace ot {

namespace {

constexpr qsizetype KeyBytes = 32;
constexpr qsizetype SignatureBytes = 64;
constexpr qint64 MaxPemBytes = 4096;

std::shared_ptr<evp_pkey_st> owned(EVP_PKEY *key) {
    return std::shared_ptr<evp_pkey_st>(key, &EVP_PKEY_free);
}

// The file's bytes, if it is small enough to be a key.
Result<QByteArray> readKeyFile(const QString &path, const QString &what) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(
            QStringLiteral("cannot read the %1 %2: %3").arg(what, path, file.errorString()));
    const QByteArray pem = file.read(MaxPemBytes + 1);
    if (pem.size() > MaxPemBytes)
        return Error::invalid(QStringLiteral("%1 is not a %2: it is too large").arg(path, what));
    return pem;
}

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

Bio memory(const QByteArray &bytes) {
    return Bio(BIO_new_mem_buf(bytes.constData(), int(bytes.size())), &BIO_free);
}

QByteArray pemOf(int (*write)(BIO *, const EVP_PKEY *), const EVP_PKEY *key) {
    Bio out(BIO_new(BIO_s_mem()), &BIO_free);
    if (!out || write(out.get(), key) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return QByteArray(data, qsizetype(size));
}

int writePrivate(BIO *out, const EVP_PKEY *key) {
    return PEM_write_bio_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
}

int writePublic(BIO *out, const EVP_PKEY *key) {
    return PEM_write_bio_PUBKEY(out, key);
}

bool isEd25519(const EVP_PKEY *key) {
    return key && EVP_PKEY_get_id(key) == EVP_PKEY_ED25519;
}

Result<void> writeNew(const QString &path, const QByteArray &bytes, bool secret) {
    if (QFile::exists(path))
        return Error::invalid(
            QStringLiteral("%1 exists already: a key is never overwritten").arg(path));
    if (secret) {
        if (auto created = createPrivateFile(path); !created)
            return created;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(bytes) != bytes.size() || !file.flush())
        return Error::storage(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

PublicKey::PublicKey(std::shared_ptr<evp_pkey_st> key)
    : m_key(std::move(key)) {}

Result<PublicKey> PublicKey::load(const QString &path) {
    auto pem = readKeyFile(path, QStringLiteral("public key"));
    if (!pem)
        return pem.error();
    Bio in = memory(pem.value());
    auto key = owned(PEM_read_bio_PUBKEY(in.get(), nullptr, nullptr, nullptr));
    if (!isEd25519(key.get()))
        return Error::invalid(QStringLiteral("%1 is not an Ed25519 public key (a PEM file as "
                                             "`ordertrail-cli admin keygen` writes it)")
                                  .arg(path));
    return PublicKey(std::move(key));
}

Result<PublicKey> PublicKey::fromHex(const QByteArray &hex) {
    const QByteArray raw = QByteArray::fromHex(hex);
    if (raw.size() != KeyBytes || raw.toHex() != hex)
        return Error::invalid(QStringLiteral("a public key is 64 hexadecimal digits"));
    auto key = owned(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(raw.constData()),
        size_t(raw.size())));
    if (!key)
        return Error::invalid(
            QStringLiteral("'%1' is not an Ed25519 public key").arg(QString::fromLatin1(hex)));
    return PublicKey(std::move(key));
}

QByteArray PublicKey::toHex() const {
    QByteArray raw(KeyBytes, Qt::Uninitialized);
    size_t size = size_t(raw.size());
    EVP_PKEY_get_raw_public_key(m_key.get(), reinterpret_cast<unsigned char *>(raw.data()), &size);
    return raw.left(qsizetype(size)).toHex();
}

QByteArray PublicKey::fingerprint() const {
    return Sha256::hash(QByteArray::fromHex(toHex())).toHex();
}

bool PublicKey::verifies(const QByteArray &message, const QByteArray &signature) const {
    const QByteArray raw = QByteArray::fromHex(signature);
    if (raw.size() != SignatureBytes || raw.toHex() != signature)
        return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    return context &&
           EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, m_key.get()) == 1 &&
           EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(raw.constData()),
                            size_t(raw.size()),
                            reinterpret_cast<const unsigned char *>(message.constData()),
                            size_t(message.size())) == 1;
}

SigningKey::SigningKey(std::shared_ptr<evp_pkey_st> key)
    : m_key(std::move(key)) {}

Result<SigningKey> SigningKey::generate() {
    auto key = owned(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key)
        return Error::storage(QStringLiteral("cannot make an Ed25519 key"));
    return SigningKey(std::move(key));
}

Result<SigningKey> SigningKey::load(const QString &path) {
    auto pem = readKeyFile(path, QStringLiteral("signing key"));
    if (!pem)
        return pem.error();
    Bio in = memory(pem.value());
    auto key = owned(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
    if (!isEd25519(key.get()))
        return Error::invalid(QStringLiteral("%1 is not an Ed25519 signing key (a PEM file as "
                                             "`ordertrail-cli admin keygen` writes it)")
                                  .arg(path));
    return SigningKey(std::move(key));
}

Result<void> SigningKey::save(const QString &path) const {
    const QString publicPath = path + QStringLiteral(".pub");
    if (QFile::exists(path))
        return Error::invalid(
            QStringLiteral("%1 exists already: a key is never overwritten").arg(path));
    if (QFile::exists(publicPath))
        return Error::invalid(
            QStringLiteral("%1 exists already: a key is never overwritten").arg(publicPath));
    if (auto written = writeNew(path, pemOf(writePrivate, m_key.get()), true); !written)
        return written;
    return writeNew(publicPath, pemOf(writePublic, m_key.get()), false);
}

PublicKey SigningKey::publicKey() const {
    return PublicKey(m_key);
}

QByteArray SigningKey::sign(const QByteArray &message) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    QByteArray signature(SignatureBytes, Qt::Uninitialized);
    size_t size = size_t(signature.size());
    if (!context ||
        EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &size,
                       reinterpret_cast<const unsigned char *>(message.constData()),
                       size_t(message.size())) != 1)
        return {};
    return signature.left(qsizetype(size)).toHex();
}

} // namespace ot
