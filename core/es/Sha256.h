#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QVarLengthArray>

struct evp_md_ctx_st;

namespace ot {

// SHA-256 from OpenSSL's libcrypto, which uses the CPU's SHA instructions where it has them:
// about five times as fast as Qt 6.4's own implementation on an event's chain hash, and
// verifying a history hashes every event.
//
// What is added is gathered in a buffer and handed to libcrypto in blocks, so that a short
// input (an event's chain hash: a dozen fields of a few bytes) costs one call to a one-shot
// digest instead of three calls a field on a context allocated for it.
class Sha256 {
public:
    Sha256() = default;
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(QByteArrayView bytes);
    // Adds one field framed as a netstring ("<length>:<bytes>,"), which makes a sequence of
    // fields unambiguous: no content can pass for a field boundary.
    void addNetstring(QByteArrayView bytes);
    // The same with the text's UTF-8 bytes (those of QString::toUtf8).
    void addNetstring(QStringView text);
    // The raw 32-byte digest of everything added; the object is spent afterwards.
    QByteArray result();

    static QByteArray hash(QByteArrayView bytes);
    // The digest of a file's bytes, read a block at a time; empty when it cannot be read.
    static QByteArray ofFile(const QString &path);

private:
    static constexpr qsizetype BufferSize = 2048;

    void flush();

    QVarLengthArray<char, BufferSize> m_buffer;
    evp_md_ctx_st *m_context = nullptr; // made once more than a buffer's worth is added
};

} // namespace ot
