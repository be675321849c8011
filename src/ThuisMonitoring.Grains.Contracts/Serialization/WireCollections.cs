using System.Diagnostics.CodeAnalysis;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>
/// The domain's read-only collections in a shape Orleans has a codec for: a compiler-made list behind an
/// <see cref="IReadOnlyList{T}"/> (a collection expression) has none, an array has. Nothing is copied when the
/// collection already is one; copying inside the silo copies the array itself.
/// </summary>
internal static class WireCollections
{
    [return: NotNullIfNotNull(nameof(list))]
    public static T[]? ToArray<T>(IReadOnlyList<T>? list) => list switch
    {
        null => null,
        T[] array => array,
        _ => [.. list],
    };

    [return: NotNullIfNotNull(nameof(map))]
    public static Dictionary<TKey, TValue>? ToDictionary<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? map)
        where TKey : notnull => map switch
    {
        null => null,
        Dictionary<TKey, TValue> dictionary => dictionary,
        _ => new Dictionary<TKey, TValue>(map),
    };
}
