namespace ThuisMonitoring.Domain.DistrictNursing;

/// <summary>The parts of the day a district-nursing team keeps its light for.</summary>
public enum PartOfDay
{
    Morning,
    Afternoon,
    Evening,
    Night,
}

public static class PartOfDayNames
{
    public static IReadOnlyList<string> All { get; } = ["morning", "afternoon", "evening", "night"];

    public static string ToCode(this PartOfDay part) => All[(int)part];

    public static bool TryParse(string? code, out PartOfDay part)
    {
        var index = code is null ? -1 : All.ToList().IndexOf(code);
        part = index < 0 ? default : (PartOfDay)index;
        return index >= 0;
    }
}
