using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Tests.Properties;

/// <summary>One thing that happens during an episode.</summary>
public abstract record Step;

/// <summary>A measurement arrives some minutes after the previous step.</summary>
public sealed record Measure(int MinutesLater, Measurement Measurement) : Step
{
    public override string ToString() =>
        $"Measure(+{MinutesLater} min, spo2 {Measurement.Spo2}, hr {Measurement.HeartRate}, rr {Measurement.RespiratoryRate}, "
        + $"t {Measurement.Temperature}, flow {Measurement.OxygenFlow}, {Measurement.Feeling})";
}

/// <summary>A nurse acknowledges one of the active alerts (picked by index, wrapping round).</summary>
public sealed record Acknowledge(int Pick) : Step;

/// <summary>A nurse resolves one of the active alerts (picked by index, wrapping round).</summary>
public sealed record Resolve(int Pick) : Step;

/// <summary>A patient's episode as a sequence of steps, on a prescription and an optional per-patient maximum flow.</summary>
public sealed record Journey(double PrescribedFlow, double? MaxHomeOxygenFlow, IReadOnlyList<Step> Steps)
{
    public override string ToString() =>
        $"Journey(prescribed {PrescribedFlow} L/min, max {MaxHomeOxygenFlow?.ToString() ?? "default"}):"
        + Environment.NewLine + string.Join(Environment.NewLine, Steps.Select((s, i) => $"  {i}: {s}"));
}
