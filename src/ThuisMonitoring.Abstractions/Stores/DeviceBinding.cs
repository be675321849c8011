using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>A device bound to a patient. The secret is kept only as a hash.</summary>
public sealed record DeviceBinding(
    string DeviceId,
    string PatientId,
    DeviceKind Kind,
    string SecretHash,
    string? Organisation,
    DateTimeOffset BoundAt);
