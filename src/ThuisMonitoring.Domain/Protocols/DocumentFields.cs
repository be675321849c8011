using System.Globalization;
using System.Text.Json.Nodes;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// Reads the fields of one JSON object of a protocol document, recording every problem with its full path
/// instead of stopping at the first, and refusing fields it does not know (a typo must not silently fall back
/// to a default).
/// </summary>
internal sealed class DocumentFields(JsonObject node, string path, List<ProtocolError> errors)
{
    private readonly HashSet<string> _read = [];

    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public void Error(string name, string message) => errors.Add(new ProtocolError(PathOf(name), message));

    public bool Has(string name) => node.TryGetPropertyValue(name, out var value) && value is not null;

    /// <summary>A whole number that must lie within a measurement's range (<see cref="MeasurementRanges"/>).</summary>
    public int Integer(string name, WholeRange range) => Integer(name, range.Min, range.Max);

    public int Integer(string name, int min, int max)
    {
        if (Take(name) is not { } value)
        {
            return min;
        }

        if (value is not JsonValue number || !number.TryGetValue<int>(out var result))
        {
            Error(name, "must be a whole number");
            return min;
        }

        if (result < min || result > max)
        {
            Error(name, $"must be between {min} and {max}");
        }

        return result;
    }

    public bool Boolean(string name)
    {
        if (Take(name) is not { } value)
        {
            return false;
        }

        if (value is not JsonValue flag || !flag.TryGetValue<bool>(out var result))
        {
            Error(name, "must be true or false");
            return false;
        }

        return result;
    }

    /// <summary>A number that must lie within a measurement's range (<see cref="MeasurementRanges"/>).</summary>
    public double Number(string name, NumberRange range) => Number(name, range.Min, range.Max);

    public double Number(string name, double min, double max)
    {
        if (Take(name) is not { } value)
        {
            return min;
        }

        if (value is not JsonValue number || !number.TryGetValue<double>(out var result))
        {
            Error(name, "must be a number");
            return min;
        }

        if (result < min || result > max)
        {
            Error(name, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}"));
        }

        return result;
    }

    public double? OptionalNumber(string name)
    {
        if (!Has(name))
        {
            _read.Add(name);
            return null;
        }

        return Number(name, double.MinValue, double.MaxValue);
    }

    public TimeSpan Duration(string name, Func<double, TimeSpan> unit, int min, int max) => unit(Integer(name, min, max));

    public string Text(string name)
    {
        if (Take(name) is not { } value)
        {
            return "";
        }

        if (value is not JsonValue text || !text.TryGetValue<string>(out var result) || string.IsNullOrWhiteSpace(result))
        {
            Error(name, "must be a non-empty string");
            return "";
        }

        return result;
    }

    public string? OptionalText(string name)
    {
        if (!Has(name))
        {
            _read.Add(name);
            return null;
        }

        return Text(name);
    }

    public TimeOnly TimeOfDay(string name)
    {
        var text = Text(name);
        return ParseTimeOfDay(text, PathOf(name));
    }

    public TimeOnly ParseTimeOfDay(string text, string fieldPath)
    {
        if (text.Length > 0 && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        if (text.Length > 0)
        {
            errors.Add(new ProtocolError(fieldPath, "must be a local time of day as HH:mm"));
        }

        return default;
    }

    public DocumentFields Object(string name)
    {
        var value = Take(name);
        if (value is JsonObject child)
        {
            return new DocumentFields(child, PathOf(name), errors);
        }

        if (value is not null)
        {
            Error(name, "must be an object");
        }

        // An absent or malformed section reads as empty: its own fields then report as required.
        return new DocumentFields([], PathOf(name), errors);
    }

    public IReadOnlyList<(JsonNode? Node, string Path)> Array(string name)
    {
        var value = Take(name);
        if (value is JsonArray array)
        {
            return array.Select((item, i) => (item, $"{PathOf(name)}[{i}]")).ToList();
        }

        if (value is not null)
        {
            Error(name, "must be an array");
        }

        return [];
    }

    /// <summary>The members of an object whose names are data (e.g. call scripts by id), each read as an object.</summary>
    public IReadOnlyList<(string Name, DocumentFields Fields)> Members(string name)
    {
        var value = Take(name);
        if (value is not JsonObject map)
        {
            if (value is not null)
            {
                Error(name, "must be an object");
            }

            return [];
        }

        var members = new List<(string, DocumentFields)>();
        var container = new DocumentFields(map, PathOf(name), errors);
        foreach (var (member, _) in map)
        {
            members.Add((member, container.Object(member)));
        }

        return members;
    }

    /// <summary>A list of non-empty strings.</summary>
    public IReadOnlyList<string> Texts(string name)
    {
        var items = Array(name);
        var texts = new List<string>(items.Count);
        foreach (var (item, itemPath) in items)
        {
            if (item is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            {
                texts.Add(text);
            }
            else
            {
                errors.Add(new ProtocolError(itemPath, "must be a non-empty string"));
            }
        }

        return texts;
    }

    /// <summary>Reports every field of this object that the protocol does not have.</summary>
    public void RefuseUnknownFields()
    {
        foreach (var (name, _) in node)
        {
            if (!_read.Contains(name))
            {
                Error(name, "is not a field of the protocol document");
            }
        }
    }

    private JsonNode? Take(string name)
    {
        _read.Add(name);
        if (!node.TryGetPropertyValue(name, out var value) || value is null)
        {
            Error(name, "is required");
            return null;
        }

        return value;
    }
}
