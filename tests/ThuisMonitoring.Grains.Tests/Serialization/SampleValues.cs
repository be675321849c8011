using System.Collections;
using System.Reflection;

namespace ThuisMonitoring.Grains.Tests.Serialization;

/// <summary>
/// Builds an instance of a message type with every constructor parameter set to a value that is not its default
/// (nested records filled the same way, two elements in every list), so a field a surrogate forgets shows up as a
/// difference after the round trip.
/// </summary>
public sealed class SampleValues
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 4, 5, TimeSpan.FromHours(1));
    private int _next;

    public object Of(Type type) => Of(type, depth: 0);

    private object Of(Type type, int depth)
    {
        if (depth > 8)
        {
            throw new InvalidOperationException($"Message types nest deeper than 8 at {type}.");
        }

        var n = ++_next;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Of(underlying, depth);
        }

        if (type == typeof(string))
        {
            return $"text-{n}";
        }

        if (type == typeof(int))
        {
            return n;
        }

        if (type == typeof(long))
        {
            return (long)n;
        }

        if (type == typeof(double))
        {
            return n + 0.25;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(DateTimeOffset))
        {
            return Start.AddMinutes(n);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromSeconds(n);
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1)!;
        }

        if (type == typeof(Exception))
        {
            return new InvalidOperationException($"inner-{n}");
        }

        if (type.IsArray)
        {
            return List(type.GetElementType()!, depth, asArray: true);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>))
            {
                return List(arguments[0], depth, asArray: definition != typeof(List<>) && n % 2 == 0);
            }

            if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>))
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
                dictionary.Add(Of(arguments[0], depth + 1), Of(arguments[1], depth + 1));
                dictionary.Add(Of(arguments[0], depth + 1), Of(arguments[1], depth + 1));
                return dictionary;
            }
        }

        var constructor = type.GetConstructors()
            .Where(c => !c.GetParameters().Any(p => p.ParameterType == type))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No public constructor to build a sample {type}.");
        return constructor.Invoke(constructor.GetParameters().Select(p => Of(p.ParameterType, depth + 1)).ToArray());
    }

    private IList List(Type element, int depth, bool asArray)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        list.Add(Of(element, depth + 1));
        list.Add(Of(element, depth + 1));
        if (!asArray)
        {
            return list;
        }

        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }
}
