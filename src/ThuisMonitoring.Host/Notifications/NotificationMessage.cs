using ThuisMonitoring.Abstractions.Notifications;

namespace ThuisMonitoring.Host.Notifications;

/// <summary>
/// The JSON a notification hook receives (docs/operations.md): the outbox's <see cref="ClinicalNotification"/> with the
/// names a person reads (patient, recipient) and, when configured, the recipient's address.
/// </summary>
public sealed record NotificationMessage(
    string NotificationId,
    string Kind,
    string Recipient,
    string? RecipientName,
    string? RecipientAddress,
    string PatientId,
    string? PatientName,
    string? AlertId,
    string Level,
    IReadOnlyList<string> Reasons,
    string? By,
    string? Note,
    DateTimeOffset At);
