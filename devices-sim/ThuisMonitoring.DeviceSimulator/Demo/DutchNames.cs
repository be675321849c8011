namespace ThuisMonitoring.DeviceSimulator.Demo;

/// <summary>Plausible Dutch patient names, the same for the same index.</summary>
public static class DutchNames
{
    private static readonly string[] GivenNames =
    [
        "Johanna", "Hendrik", "Maria", "Cornelis", "Wilhelmina", "Gerrit", "Anna", "Jan", "Elisabeth", "Pieter",
        "Geertruida", "Willem", "Cornelia", "Dirk", "Adriana", "Jacobus", "Hendrika", "Teunis", "Aaltje", "Klaas",
        "Grietje", "Bart", "Ineke", "Henk", "Marijke", "Kees", "Truus", "Sjoerd", "Femke", "Ruud",
    ];

    private static readonly string[] FamilyNames =
    [
        "de Boer", "van Dijk", "Visser", "Smit", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
        "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok",
        "Jacobs", "de Haan", "Vermeulen", "van den Berg", "van der Linden", "Kuipers", "Veenstra", "Post",
        "Schouten", "Willems", "Hoekstra", "Koster", "Prins", "Huisman", "Kramer", "van Vliet", "Meijer",
    ];

    /// <summary>Name number <paramref name="index"/>; distinct for the first few hundred indices.</summary>
    public static string Name(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var given = GivenNames[index % GivenNames.Length];
        var family = FamilyNames[(index * 7 + index / GivenNames.Length) % FamilyNames.Length];
        return $"{given} {family}";
    }
}
