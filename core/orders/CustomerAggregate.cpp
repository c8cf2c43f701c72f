#include "CustomerAggregate.h"

#include "Fields.h"
#include "es/Sealed.h"

namespace ot {

namespace {

constexpr qsizetype MaxNameLength = 200;
constexpr qsizetype MaxReasonLength = 2000;

const QStringList &personalFields() {
    static const QStringList fields{CustomerField::Name, CustomerField::Email, CustomerField::Phone,
                                    CustomerField::BillingAddress, CustomerField::ShippingAddress};
    return fields;
}

// One personal field of a command, checked; `clearable`: null clears it.
Result<QJsonValue> personalField(const Fields &fields, const QJsonObject &data, const QString &name,
                                 bool clearable) {
    if (clearable && data.value(name).isNull())
        return QJsonValue(QJsonValue::Null);
    if (name == CustomerField::Name) {
        auto text = fields.text(name, MaxNameLength);
        return text ? Result<QJsonValue>(QJsonValue(text.value())) : text.error();
    }
    if (name == CustomerField::Email) {
        auto text = fields.email(name);
        return text ? Result<QJsonValue>(QJsonValue(text.value())) : text.error();
    }
    if (name == CustomerField::Phone) {
        auto text = fields.phone(name);
        return text ? Result<QJsonValue>(QJsonValue(text.value())) : text.error();
    }
    auto address = fields.address(name);
    return address ? Result<QJsonValue>(QJsonValue(address.value())) : address.error();
}

} // namespace

CustomerAggregate::CustomerAggregate(QString id)
    : Aggregate(CustomerWord::Type, std::move(id)) {}

Result<QJsonObject> CustomerAggregate::validate(const Command &command) {
    const QString &type = command.type;
    const Fields fields(command.data, type);
    QJsonObject data;
    if (type == CustomerWord::Register || type == CustomerWord::ChangeDetails) {
        if (auto ok = fields.allowOnly(personalFields()); !ok)
            return ok.error();
        const bool registering = type == CustomerWord::Register;
        if (registering && !fields.has(CustomerField::Name))
            return Error::invalid(QStringLiteral("%1 needs 'name'").arg(type));
        if (command.data.isEmpty())
            return Error::invalid(QStringLiteral("%1 needs at least one of %2")
                                      .arg(type, personalFields().join(QStringLiteral(", "))));
        for (const QString &name : personalFields()) {
            if (!fields.has(name))
                continue;
            // The name can change but never be cleared; the rest can be cleared with null.
            auto value = personalField(fields, command.data, name,
                                       !registering && name != CustomerField::Name);
            if (!value)
                return value.error();
            data.insert(name, value.value());
        }
    } else if (type == CustomerWord::Forget) {
        if (auto ok = fields.allowOnly({CustomerField::Reason}); !ok)
            return ok.error();
        auto reason = fields.text(CustomerField::Reason, MaxReasonLength, true);
        if (!reason)
            return reason.error();
        data.insert(CustomerField::Reason, reason.value());
    } else {
        return Error::invalid(
            QStringLiteral("unknown command type '%1' (expected one of %2)")
                .arg(type.left(100), CustomerWord::Commands.join(QStringLiteral(", "))));
    }
    return data;
}

Result<void> CustomerAggregate::check(const QString &event) const {
    if (event == CustomerWord::Registered) {
        if (exists())
            return Error::rejected(QStringLiteral("customer %1 already exists").arg(id()));
        return {};
    }
    if (!exists())
        return Error::notFound(QStringLiteral("customer %1 does not exist").arg(id()));
    if (m_forgotten)
        return Error::rejected(
            QStringLiteral("customer %1 was forgotten: nothing more can be recorded about them")
                .arg(id()));
    return {};
}

Result<void> CustomerAggregate::handle(const Command &command) {
    auto validated = validate(command);
    if (!validated)
        return validated.error();
    const QString event = command.type == CustomerWord::Register ? CustomerWord::Registered
                          : command.type == CustomerWord::ChangeDetails
                              ? CustomerWord::DetailsChanged
                              : CustomerWord::Forgotten;
    if (auto ok = check(event); !ok)
        return ok;
    QJsonObject data = validated.value();
    for (auto it = data.begin(); it != data.end(); ++it) {
        if (!personalFields().contains(it.key()) || it.value().isNull())
            continue;
        auto sealedValue = seal(id(), it.value());
        if (!sealedValue)
            return sealedValue.error();
        it.value() = sealedValue.value();
    }
    raise(event, data);
    if (event == CustomerWord::Forgotten)
        forgetSubject(id());
    return {};
}

bool CustomerAggregate::understands(const DomainEvent &event) const {
    return event.schemaVersion == 1 && CustomerWord::Events.contains(event.type);
}

Result<void> CustomerAggregate::admit(const DomainEvent &event) const {
    if (!understands(event))
        return Error::rejected(
            QStringLiteral("'%1' is not an event of customers").arg(event.type.left(100)));
    const QJsonObject &data = event.data;
    if (event.type == CustomerWord::Forgotten) {
        if (data.size() != 1 || !Fields::checkText(data.value(CustomerField::Reason),
                                                   CustomerField::Reason, MaxReasonLength, true))
            return Error::rejected(QStringLiteral("its data is not what ForgetCustomer records"));
    } else {
        // Sealed data cannot be read back here (its key may be gone): its shape is checked.
        const bool registered = event.type == CustomerWord::Registered;
        if (data.isEmpty() || (registered && !data.contains(CustomerField::Name)))
            return Error::rejected(QStringLiteral("its data lacks the fields it needs"));
        for (auto it = data.begin(); it != data.end(); ++it) {
            const bool clearable = !registered && it.key() != CustomerField::Name;
            if (!personalFields().contains(it.key()) ||
                !((sealed::isSealed(it.value()) && sealed::subjectOf(it.value()) == id()) ||
                  (clearable && it.value().isNull())))
                return Error::rejected(
                    QStringLiteral("its field '%1' is not personal data sealed for %2")
                        .arg(it.key().left(100), id()));
        }
    }
    return check(event.type);
}

void CustomerAggregate::apply(const DomainEvent &event) {
    if (event.type == CustomerWord::Forgotten) {
        m_forgotten = true;
        m_forgetReason = event.data.value(CustomerField::Reason).toString();
        m_details = {}; // the sealed values open no more; the state keeps nothing of them
        return;
    }
    for (auto it = event.data.begin(); it != event.data.end(); ++it) {
        if (it.value().isNull())
            m_details.remove(it.key());
        else
            m_details.insert(it.key(), it.value());
    }
}

QJsonObject CustomerAggregate::toJson() const {
    QJsonObject json = m_details;
    json.insert(QStringLiteral("id"), id());
    json.insert(QStringLiteral("status"),
                m_forgotten ? CustomerWord::ForgottenStatus : CustomerWord::Active);
    json.insert(QStringLiteral("version"), version());
    if (m_forgotten) {
        json.insert(CustomerField::Name, sealed::erased());
        json.insert(QStringLiteral("forgottenReason"), m_forgetReason);
    }
    return json;
}

QSet<QString> CustomerAggregate::personalDataSubjects() const {
    QSet<QString> subjects;
    sealed::collectSubjects(m_details, subjects);
    return subjects;
}

void CustomerAggregate::revealPersonalData(const QHash<QString, QByteArray> &keys) {
    m_details = sealed::reveal(m_details, keys).toObject();
}

} // namespace ot
