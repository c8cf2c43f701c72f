#pragma once

#include "es/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace ot {

// Ed25519 from libcrypto: what an auditor signs checkpoints with. The private key is kept in a
// PEM file that only its owner may read (0600), the public key in another PEM file anyone may
// be handed; a key is never overwritten.
class PublicKey {
public:
    // A PEM file as `SigningKey::save` writes it ("-----BEGIN PUBLIC KEY-----").
    static Result<PublicKey> load(const QString &path);
    // The 32 bytes of an Ed25519 public key, hex-encoded.
    static Result<PublicKey> fromHex(const QByteArray &hex);

    QByteArray toHex() const;
    // Hex SHA-256 of the raw key: how a checkpoint names its signer.
    QByteArray fingerprint() const;
    // Whether `signature` (hex) is this key's signature of `message`.
    bool verifies(const QByteArray &message, const QByteArray &signature) const;

private:
    friend class SigningKey;
    explicit PublicKey(std::shared_ptr<evp_pkey_st> key);
    std::shared_ptr<evp_pkey_st> m_key;
};

class SigningKey {
public:
    static Result<SigningKey> generate();
    // A PEM file as `save` writes it ("-----BEGIN PRIVATE KEY-----").
    static Result<SigningKey> load(const QString &path);
    // Writes the private key to `path`, created 0600, and the public key to `path` + ".pub";
    // refused if either exists.
    Result<void> save(const QString &path) const;

    PublicKey publicKey() const;
    // The signature of `message`, hex-encoded.
    QByteArray sign(const QByteArray &message) const;

private:
    explicit SigningKey(std::shared_ptr<evp_pkey_st> key);
    std::shared_ptr<evp_pkey_st> m_key;
};

} // namespace ot
