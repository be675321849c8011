using System.Globalization;
using System.Text.Json;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// Reads one typed field value at the reader's current token and reports type and range errors.
/// An explicit <c>null</c> is a type error like any other: the contract has no nullable fields, and a
/// device that has no value should leave the field out.
/// </summary>
internal static class JsonFieldReader
{
    /// <summary>
    /// A whole number within [min, max]. Integral numbers written with a fraction or exponent
    /// (<c>95.0</c>, <c>9.5e1</c>) count as whole, as in JSON Schema's "integer"; <c>95.5</c> does not.
    /// </summary>
    public static bool TryReadWholeNumber(
        ref Utf8JsonReader reader, ref PayloadErrorList errors, FieldPath path, int min, int max, out int value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out value) && value >= min && value <= max)
            {
                return true;
            }

            if (reader.TryGetDouble(out var number) && double.IsFinite(number) && Math.Floor(number) == number
                && number >= min && number <= max)
            {
                value = (int)number;
                return true;
            }
        }

        return Reject(ref reader, ref errors, path, string.Create(
            CultureInfo.InvariantCulture,
            $"Must be a whole number from {min} to {max}; got {JsonPayload.Describe(ref reader)}."));
    }

    /// <summary>A finite number within [min, max]; <paramref name="range"/> is how the range is shown in errors.</summary>
    public static bool TryReadNumber(
        ref Utf8JsonReader reader, ref PayloadErrorList errors, FieldPath path, double min, double max, string range, out double value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number
            && reader.TryGetDouble(out value) && double.IsFinite(value) && value >= min && value <= max)
        {
            // -0 is a valid 0 but would print as "-0" downstream.
            value += 0.0;
            return true;
        }

        return Reject(ref reader, ref errors, path,
            $"Must be a number from {range}; got {JsonPayload.Describe(ref reader)}.");
    }

    public static bool TryReadBoolean(ref Utf8JsonReader reader, ref PayloadErrorList errors, FieldPath path, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            default:
                value = false;
                return Reject(ref reader, ref errors, path, $"Must be true or false; got {JsonPayload.Describe(ref reader)}.");
        }
    }

    /// <summary>Reports <paramref name="message"/> and moves past the offending value. Always returns false.</summary>
    public static bool Reject(ref Utf8JsonReader reader, ref PayloadErrorList errors, FieldPath path, string message)
    {
        errors.Add(path, message);
        JsonPayload.TrySkipValue(ref reader, ref errors, path);
        return false;
    }
}
