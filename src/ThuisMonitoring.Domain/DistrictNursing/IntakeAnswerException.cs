namespace ThuisMonitoring.Domain.DistrictNursing;

/// <summary>An intake request that cannot be answered (again).</summary>
public sealed class IntakeAnswerException(string message) : InvalidOperationException(message);
