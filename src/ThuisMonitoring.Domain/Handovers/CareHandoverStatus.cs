namespace ThuisMonitoring.Domain.Handovers;

/// <summary>Where a <see cref="CareHandover"/> stands.</summary>
public enum CareHandoverStatus
{
    Pending,
    Accepted,
    Declined,
}

public static class CareHandoverStatusNames
{
    public static string ToCode(this CareHandoverStatus status) => status switch
    {
        CareHandoverStatus.Pending => "pending",
        CareHandoverStatus.Accepted => "accepted",
        _ => "declined",
    };
}
