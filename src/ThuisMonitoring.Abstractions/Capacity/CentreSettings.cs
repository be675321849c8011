using ThuisMonitoring.Domain.Capacity;

namespace ThuisMonitoring.Abstractions.Capacity;

/// <summary>What an admin sets for a monitoring centre's board: the light's thresholds and the last count of each kind of equipment.</summary>
public sealed record CentreSettings(string Centre, CapacityThresholds Thresholds, EquipmentStock? Concentrators = null, EquipmentStock? Meters = null)
{
    public static CentreSettings DefaultFor(string centre) => new(centre, CapacityThresholds.Default);
}

/// <summary>
/// An admin counted <see cref="CountedInStock"/> on the shelf at <see cref="CountedAt"/>, while
/// <see cref="HandedOutAtCount"/> were with patients (see <see cref="EquipmentCount.Now"/>).
/// </summary>
public sealed record EquipmentStock(int CountedInStock, int HandedOutAtCount, DateTimeOffset CountedAt, string CountedBy);
