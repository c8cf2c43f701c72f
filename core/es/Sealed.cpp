#include "Sealed.h"

#include "EventHash.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace ot::sealed {

namespace {

const QString SealedField = QStringLiteral("sealed");
const QString SubjectField = QStringLiteral("subject");
const QString ErasedField = QStringLiteral("erased");
constexpr int NonceBytes = 12;
constexpr int TagBytes = 16;
// A sealed value holds at most a few addresses' worth of text.
constexpr qsizetype MaxPlaintext = qsizetype(64) * 1024;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char *bytes(const QByteArray &data) {
    return reinterpret_cast<const unsigned char *>(data.constData());
}
unsigned char *bytes(QByteArray &data) {
    return reinterpret_cast<unsigned char *>(data.data());
}

std::optional<QByteArray> rawKey(const QByteArray &hexKey) {
    const QByteArray key = QByteArray::fromHex(hexKey);
    if (key.size() != KeyBytes || key.toHex() != hexKey)
        return std::nullopt;
    return key;
}

} // namespace

bool isSealed(const QJsonValue &value) {
    const QJsonObject object = value.toObject();
    return value.isObject() && object.size() == 2 && object.value(SealedField).isString() &&
           object.value(SubjectField).isString();
}

bool isErased(const QJsonValue &value) {
    return value.isObject() && value.toObject() == QJsonObject{{ErasedField, true}};
}

QJsonValue erased() {
    return QJsonObject{{ErasedField, true}};
}

QString subjectOf(const QJsonValue &value) {
    return isSealed(value) ? value.toObject().value(SubjectField).toString() : QString();
}

QByteArray newKey() {
    QByteArray key(KeyBytes, '\0');
    // RAND_bytes fails only when the system cannot seed it; a key of zeros must never result.
    if (RAND_bytes(bytes(key), KeyBytes) != 1)
        qFatal("the system's random number generator failed");
    return key.toHex();
}

Result<QJsonValue> seal(const QByteArray &hexKey, const QString &subject, const QJsonValue &value) {
    const auto key = rawKey(hexKey);
    if (!key)
        return Error::storage(QStringLiteral("the key of %1 is malformed").arg(subject));
    const QByteArray plain = canonicalJson(QJsonObject{{QStringLiteral("v"), value}});
    if (plain.size() > MaxPlaintext)
        return Error::invalid(QStringLiteral("personal data of %1 is too long").arg(subject));
    const QByteArray aad = subject.toUtf8();
    QByteArray out(NonceBytes + plain.size() + TagBytes, '\0');
    if (RAND_bytes(bytes(out), NonceBytes) != 1)
        qFatal("the system's random number generator failed");
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    int finalLength = 0;
    const bool ok =
        context &&
        EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, NonceBytes, nullptr) == 1 &&
        EVP_EncryptInit_ex(context.get(), nullptr, nullptr, bytes(*key), bytes(out)) == 1 &&
        EVP_EncryptUpdate(context.get(), nullptr, &length, bytes(aad), int(aad.size())) == 1 &&
        EVP_EncryptUpdate(context.get(), bytes(out) + NonceBytes, &length, bytes(plain),
                          int(plain.size())) == 1 &&
        EVP_EncryptFinal_ex(context.get(), bytes(out) + NonceBytes + length, &finalLength) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, TagBytes,
                            bytes(out) + NonceBytes + plain.size()) == 1;
    if (!ok)
        return Error::storage(QStringLiteral("cannot seal personal data (libcrypto failed)"));
    return QJsonValue(
        QJsonObject{{SealedField, QString::fromLatin1(out.toBase64())}, {SubjectField, subject}});
}

std::optional<QJsonValue> open(const QByteArray &hexKey, const QJsonValue &value) {
    const auto key = rawKey(hexKey);
    if (!key || !isSealed(value))
        return std::nullopt;
    const QByteArray aad = subjectOf(value).toUtf8();
    QByteArray in =
        QByteArray::fromBase64(value.toObject().value(SealedField).toString().toLatin1());
    if (in.size() < NonceBytes + TagBytes)
        return std::nullopt;
    const int textLength = int(in.size()) - NonceBytes - TagBytes;
    QByteArray plain(textLength, '\0');
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    int finalLength = 0;
    const bool ok =
        context &&
        EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, NonceBytes, nullptr) == 1 &&
        EVP_DecryptInit_ex(context.get(), nullptr, nullptr, bytes(*key), bytes(in)) == 1 &&
        EVP_DecryptUpdate(context.get(), nullptr, &length, bytes(aad), int(aad.size())) == 1 &&
        EVP_DecryptUpdate(context.get(), bytes(plain), &length, bytes(in) + NonceBytes,
                          textLength) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, TagBytes,
                            bytes(in) + NonceBytes + textLength) == 1 &&
        EVP_DecryptFinal_ex(context.get(), bytes(plain) + length, &finalLength) == 1;
    if (!ok)
        return std::nullopt;
    const QJsonObject wrapper = QJsonDocument::fromJson(plain).object();
    if (!wrapper.contains(QStringLiteral("v")))
        return std::nullopt;
    return wrapper.value(QStringLiteral("v"));
}

void collectSubjects(const QJsonValue &value, QSet<QString> &subjects) {
    if (isSealed(value)) {
        subjects.insert(subjectOf(value));
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectSubjects(it.value(), subjects);
    } else if (value.isArray()) {
        for (const QJsonValue item : value.toArray())
            collectSubjects(item, subjects);
    }
}

QJsonValue reveal(const QJsonValue &value, const QHash<QString, QByteArray> &keys) {
    if (isSealed(value)) {
        const QByteArray key = keys.value(subjectOf(value));
        return key.isEmpty() ? erased() : open(key, value).value_or(erased());
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = reveal(it.value(), keys);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue item : value.toArray())
            array.append(reveal(item, keys));
        return array;
    }
    return value;
}

} // namespace ot::sealed
