namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// One-time pairing codes of patient apps, kept only as hashes (<see cref="Security.PairingCode"/>): issued when a
/// patient-app device is bound, redeemed once within their lifetime for the device's credentials.
/// </summary>
public interface IPairingCodes
{
    Task AddAsync(PairingGrant grant, CancellationToken cancellationToken);

    /// <summary>
    /// Uses the code with this hash at <paramref name="at"/>, at most once (two concurrent redemptions cannot both
    /// succeed); null when it is unknown, used or expired.
    /// </summary>
    Task<PairingGrant?> RedeemAsync(string codeHash, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>A pairing code (its hash) for one device of one patient, valid until <see cref="ExpiresAt"/>.</summary>
public sealed record PairingGrant(string CodeHash, string DeviceId, string PatientId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
