namespace ThuisMonitoring.Delivery;

/// <summary>The outbox's retry schedule: the wait before the next attempt doubles per failed attempt, up to a ceiling.</summary>
public static class DeliveryBackoff
{
    /// <summary>The wait before the next attempt after <paramref name="failures"/> failed ones (1 = the first failed).</summary>
    public static TimeSpan After(int failures, double baseSeconds, double maxSeconds) =>
        TimeSpan.FromSeconds(Math.Min(baseSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30)), maxSeconds));
}
