using ThuisMonitoring.Domain.Capacity;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>
/// <c>GET /api/capacity</c> (CONTRACT section 10). <see cref="PatientsPerNurse"/> is null with no nurse on shift;
/// <see cref="OldestUnclaimedMinutes"/> null when no alert waits. Beyond the contract: <see cref="UrgentOverdue"/> and
/// the <see cref="Thresholds"/> the light was decided with.
/// </summary>
public sealed record CapacityDto(
    string Centre,
    DateTimeOffset At,
    int PatientsInMonitoring,
    int NursesOnShift,
    double? PatientsPerNurse,
    OpenAlertsDto OpenAlerts,
    int? OldestUnclaimedMinutes,
    int UrgentOverdue,
    string Level,
    EquipmentDto Equipment,
    ThresholdsDto Thresholds);

public sealed record OpenAlertsDto(int Urgent, int Warning);

public sealed record EquipmentDto(EquipmentCountDto Concentrators, EquipmentCountDto Meters);

public sealed record EquipmentCountDto(int InStock, int HandedOut)
{
    public static EquipmentCountDto From(EquipmentCount count) => new(count.InStock, count.HandedOut);
}

public sealed record ThresholdsDto(int GreenUpToPatientsPerNurse, int RedAbovePatientsPerNurse);

/// <summary>Body of <c>PUT /api/capacity/thresholds</c> (admin).</summary>
public sealed record CapacityThresholdsRequest(string? Centre, int? GreenUpToPatientsPerNurse, int? RedAbovePatientsPerNurse);

/// <summary>Body of <c>PUT /api/capacity/equipment</c> (admin): what is on the shelf now; either may be left out.</summary>
public sealed record EquipmentStockRequest(string? Centre, int? ConcentratorsInStock, int? MetersInStock);

/// <summary><c>GET /api/capacity/prognosis</c>: patients in monitoring for the next 7 days and what it rests on (docs/capacity.md).</summary>
public sealed record PrognosisDto(string Centre, DateTimeOffset At, int InMonitoringNow, double IntakePerDay, int EndedEpisodesSeen,
    double? MedianEpisodeDays, IReadOnlyList<PrognosisDayDto> Days)
{
    public static PrognosisDto From(string centre, DateTimeOffset at, Prognosis prognosis)
    {
        ArgumentNullException.ThrowIfNull(prognosis);
        return new(centre, at, prognosis.InMonitoringNow, prognosis.IntakePerDay, prognosis.EndedEpisodesSeen, prognosis.MedianEpisodeDays,
            [.. prognosis.Days.Select(d => new PrognosisDayDto(d.Day, d.At, d.Expected))]);
    }
}

public sealed record PrognosisDayDto(int Day, DateTimeOffset At, double Expected);
