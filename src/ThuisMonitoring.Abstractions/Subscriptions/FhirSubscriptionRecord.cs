namespace ThuisMonitoring.Abstractions.Subscriptions;

/// <summary>
/// A FHIR R4 Subscription (rest-hook on Flag) as registered by a hospital system: whose it is (the caller's username,
/// with their role and organisation at registration for the record; what it may be told is decided from the owner's
/// account as it is at each push), which patient (null: every visible one), where to
/// deliver, the extra HTTP headers to send and the secret of the HMAC signature (never shown again).
/// </summary>
public sealed record FhirSubscriptionRecord(
    string SubscriptionId,
    string Owner,
    string OwnerRole,
    string? OwnerOrganisation,
    string Criteria,
    string? PatientId,
    string Endpoint,
    IReadOnlyList<string> Headers,
    string Secret,
    string? Reason,
    DateTimeOffset CreatedAt,
    bool Active = true);

/// <summary>Durable register of FHIR Subscriptions.</summary>
public interface IFhirSubscriptionRegister
{
    Task AddAsync(FhirSubscriptionRecord subscription, CancellationToken cancellationToken);

    Task<FhirSubscriptionRecord?> GetAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>The active subscriptions (those not switched off).</summary>
    Task<IReadOnlyList<FhirSubscriptionRecord>> ListActiveAsync(CancellationToken cancellationToken);

    /// <summary>Switches the subscription off (status off); false when there is no such active subscription.</summary>
    Task<bool> DeactivateAsync(string subscriptionId, CancellationToken cancellationToken);
}
