namespace ThuisMonitoring.Domain.Privacy;

/// <summary>Where an erasure request stands.</summary>
public enum ErasureStatus
{
    Requested,
    Approved,
    CarriedOut,
    Rejected,
}

public static class ErasureStatusNames
{
    public static string ToCode(this ErasureStatus status) => status switch
    {
        ErasureStatus.Requested => "requested",
        ErasureStatus.Approved => "approved",
        ErasureStatus.CarriedOut => "carried-out",
        _ => "rejected",
    };
}
