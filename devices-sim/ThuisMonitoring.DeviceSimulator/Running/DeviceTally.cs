namespace ThuisMonitoring.DeviceSimulator.Running;

/// <summary>Counters of one device while it runs; updated from its publish loop and the MQTT receive loop.</summary>
internal sealed class DeviceTally
{
    private long _published;
    private long _accepted;
    private long _invalidPublished;
    private long _invalidRejected;
    private long _feedback;
    private long _errors;
    private long _failures;
    private string? _lastLevel;

    public void Published(bool accepted)
    {
        Interlocked.Increment(ref _published);
        if (accepted)
        {
            Interlocked.Increment(ref _accepted);
        }
    }

    public void InvalidPublished(bool rejected)
    {
        Interlocked.Increment(ref _invalidPublished);
        if (rejected)
        {
            Interlocked.Increment(ref _invalidRejected);
        }
    }

    public void Feedback(string? level)
    {
        Interlocked.Increment(ref _feedback);
        Volatile.Write(ref _lastLevel, level);
    }

    public string? LastLevel => Volatile.Read(ref _lastLevel);

    public void Errors() => Interlocked.Increment(ref _errors);

    public void Failure() => Interlocked.Increment(ref _failures);

    /// <summary>True when every acknowledged message has had its feedback or error answer.</summary>
    public bool AllAnswered =>
        Interlocked.Read(ref _feedback) + Interlocked.Read(ref _errors)
        >= Interlocked.Read(ref _accepted) + Interlocked.Read(ref _invalidRejected);

    public DeviceRunReport Report(string deviceId, string patientName, string scenario) => new(
        deviceId, patientName, scenario,
        Interlocked.Read(ref _published), Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _invalidPublished), Interlocked.Read(ref _invalidRejected),
        Interlocked.Read(ref _feedback), Interlocked.Read(ref _errors), Interlocked.Read(ref _failures),
        Volatile.Read(ref _lastLevel));
}
