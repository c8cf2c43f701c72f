#include "Sha256.h"

#include <QFile>

#include <algorithm>
#include <charconv>
#include <openssl/evp.h>

namespace ot {

namespace {

// Fetched once: an implicit fetch on every initialisation costs a provider lookup.
const EVP_MD *sha256() {
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    Q_CHECK_PTR(md);
    return md;
}

} // namespace

Sha256::~Sha256() {
    EVP_MD_CTX_free(m_context);
}

void Sha256::add(QByteArrayView bytes) {
    if (m_buffer.size() + bytes.size() > BufferSize) {
        flush();
        if (bytes.size() > BufferSize) {
            EVP_DigestUpdate(m_context, bytes.data(), size_t(bytes.size()));
            return;
        }
    }
    m_buffer.append(bytes.data(), bytes.size());
}

void Sha256::addNetstring(QByteArrayView bytes) {
    // to_chars, not snprintf: formatting the lengths took a fifth of a verify's time.
    char length[24];
    char *end = std::to_chars(length, length + sizeof length - 1, bytes.size()).ptr;
    *end++ = ':';
    add(QByteArrayView(length, end));
    add(bytes);
    add(QByteArrayView(","));
}

void Sha256::addNetstring(QStringView text) {
    // ASCII text (every id, type and login the chain hash meets, as a rule) is its own UTF-8:
    // converting it would allocate a copy per field.
    if (!std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; })) {
        addNetstring(QByteArrayView(text.toUtf8()));
        return;
    }
    QVarLengthArray<char, 256> ascii(text.size());
    std::transform(text.begin(), text.end(), ascii.begin(),
                   [](QChar c) { return char(c.unicode()); });
    addNetstring(QByteArrayView(ascii.data(), ascii.size()));
}

void Sha256::flush() {
    if (!m_context) {
        m_context = EVP_MD_CTX_new();
        Q_CHECK_PTR(m_context);
        if (EVP_DigestInit_ex(m_context, sha256(), nullptr) != 1)
            qFatal("SHA-256 is not available from libcrypto");
    }
    EVP_DigestUpdate(m_context, m_buffer.data(), size_t(m_buffer.size()));
    m_buffer.clear();
}

QByteArray Sha256::result() {
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(digest.data());
    unsigned int size = 0;
    if (!m_context) {
        if (EVP_Digest(m_buffer.data(), size_t(m_buffer.size()), out, &size, sha256(), nullptr) !=
            1)
            qFatal("SHA-256 is not available from libcrypto");
    } else {
        flush();
        EVP_DigestFinal_ex(m_context, out, &size);
    }
    digest.truncate(size);
    return digest;
}

QByteArray Sha256::hash(QByteArrayView bytes) {
    Sha256 sha;
    sha.add(bytes);
    return sha.result();
}

QByteArray Sha256::ofFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    Sha256 sha;
    constexpr qint64 Block = 1 << 20;
    while (!file.atEnd()) {
        const QByteArray block = file.read(Block);
        if (block.isEmpty() && file.error() != QFileDevice::NoError)
            return {};
        sha.add(block);
    }
    return sha.result();
}

} // namespace ot
