namespace ThuisMonitoring.Domain.Capacity;

/// <summary>
/// When the centre's light turns (CONTRACT section 10): green up to <see cref="GreenUpToPatientsPerNurse"/> patients per
/// nurse on shift, red above <see cref="RedAbovePatientsPerNurse"/>, orange between. An urgent alert left unclaimed
/// beyond its response time makes the light red whatever the ratio. An admin sets them per centre.
/// </summary>
public sealed record CapacityThresholds(int GreenUpToPatientsPerNurse, int RedAbovePatientsPerNurse)
{
    public static CapacityThresholds Default { get; } = new(150, 200);

    /// <summary>The problem with these numbers, or null when they can be used.</summary>
    public string? Problem() =>
        GreenUpToPatientsPerNurse < 1 || RedAbovePatientsPerNurse > 100_000
            ? "greenUpToPatientsPerNurse must be at least 1 and redAbovePatientsPerNurse at most 100000."
            : RedAbovePatientsPerNurse < GreenUpToPatientsPerNurse
                ? "redAbovePatientsPerNurse must be at least greenUpToPatientsPerNurse."
                : null;
}
