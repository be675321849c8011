namespace ThuisMonitoring.Storage.Outbox;

/// <summary>The error an outbox keeps of a failed delivery: enough to read, never a whole response body.</summary>
internal static class OutboxError
{
    public const int MaxLength = 2000;

    public static string Clip(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Length > MaxLength ? error[..MaxLength] : error;
    }
}
