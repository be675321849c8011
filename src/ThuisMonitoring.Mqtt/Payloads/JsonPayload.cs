using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// The checks and reading steps every device payload shares, whatever its topic: size, UTF-8, JSON syntax,
/// nesting depth, and skipping values the platform ignores.
/// </summary>
internal static class JsonPayload
{
    internal delegate PayloadResult<T> SpanParser<T, TState>(ReadOnlySpan<byte> payload, TState state)
        where T : class;

    // One level more than our own limit, so that our depth check (with its clear message) always fires
    // before the reader's; the reader's limit stays as a backstop.
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = PayloadLimits.MaxDepth + 1,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>
    /// Hands a possibly segmented MQTT payload to a span parser; segmented payloads are copied once into a
    /// pooled buffer, which is cheap next to parsing and keeps one code path.
    /// </summary>
    public static PayloadResult<T> ParseSequence<T, TState>(
        in ReadOnlySequence<byte> payload, TState state, SpanParser<T, TState> parse)
        where T : class
    {
        if (payload.Length > PayloadLimits.MaxPayloadBytes)
        {
            return TooLarge<T>(payload.Length);
        }

        if (payload.IsSingleSegment)
        {
            return parse(payload.FirstSpan, state);
        }

        var length = (int)payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(buffer);
            return parse(buffer.AsSpan(0, length), state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Checks size, emptiness and UTF-8 before any JSON is read. Returns null when the payload may be
    /// parsed (<paramref name="json"/> is then the payload without a UTF-8 byte order mark), else the error.
    /// </summary>
    public static PayloadError? Check(ReadOnlySpan<byte> payload, out ReadOnlySpan<byte> json)
    {
        json = default;
        if (payload.Length > PayloadLimits.MaxPayloadBytes)
        {
            return new PayloadError(string.Empty, TooLargeMessage(payload.Length));
        }

        if (payload.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            payload = payload[3..];
        }

        if (payload.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return new PayloadError(string.Empty, "The payload is empty; send a JSON object.");
        }

        if (!Utf8.IsValid(payload))
        {
            return new PayloadError(string.Empty, "The payload is not valid UTF-8.");
        }

        json = payload;
        return null;
    }

    public static Utf8JsonReader CreateReader(ReadOnlySpan<byte> json) => new(json, ReaderOptions);

    /// <summary>
    /// Moves past the value the reader is on (a whole object or array, or a single token). Returns false,
    /// and reports a fatal error, when the value nests deeper than <see cref="PayloadLimits.MaxDepth"/>.
    /// </summary>
    public static bool TrySkipValue(ref Utf8JsonReader reader, ref PayloadErrorList errors, FieldPath path)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        if (!CheckDepth(ref reader, ref errors, path))
        {
            return false;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (!CheckDepth(ref reader, ref errors, path))
                    {
                        return false;
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray when reader.CurrentDepth == depth:
                    return true;
            }
        }

        return true;
    }

    /// <summary>
    /// For a key the platform does not know (the reader is on the property name): whether it already appeared
    /// in this object, and its path for errors. Unknown keys are ignored, but a repeated one still makes the
    /// object ambiguous JSON, so it is rejected like a repeated known field.
    /// </summary>
    public static bool IsRepeatedOtherKey(ref Utf8JsonReader reader, ref HashSet<string>? keys, FieldPath item, out FieldPath path)
    {
        const int Shown = 64;
        var key = reader.GetString()!;
        keys ??= new HashSet<string>(StringComparer.Ordinal);
        path = item.Field(key.Length <= Shown ? key : key[..Shown] + "...");
        return !keys.Add(key);
    }

    /// <summary>Reports a fatal error when the object/array the reader is on opens one level too many.</summary>
    public static bool CheckDepth(ref Utf8JsonReader reader, ref PayloadErrorList errors, FieldPath path)
    {
        // CurrentDepth of a start token is the number of levels already open around it.
        if (reader.CurrentDepth + 1 <= PayloadLimits.MaxDepth)
        {
            return true;
        }

        errors.AddFatal(path, string.Create(
            CultureInfo.InvariantCulture,
            $"The JSON nests deeper than {PayloadLimits.MaxDepth} levels of objects and arrays."));
        return false;
    }

    /// <summary>After the root value: anything but whitespace is an error (the reader throws on it).</summary>
    public static void ExpectEnd(ref Utf8JsonReader reader, ref PayloadErrorList errors)
    {
        if (!errors.IsFatal && reader.Read())
        {
            errors.AddFatal(FieldPath.Payload, "The payload holds more than one JSON value.");
        }
    }

    public static string InvalidJsonMessage(JsonException exception) =>
        "The payload is not valid JSON: " + exception.Message;

    /// <summary>How a JSON value looks, for "got ..." in error messages; numbers are quoted as sent (shortened).</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => RawNumber(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => "an unexpected token",
    };

    private static string RawNumber(ref Utf8JsonReader reader)
    {
        const int Shown = 24;
        var raw = reader.ValueSpan;
        return raw.Length <= Shown ? Encoding.UTF8.GetString(raw) : Encoding.UTF8.GetString(raw[..Shown]) + "...";
    }

    private static PayloadResult<T> TooLarge<T>(long length)
        where T : class =>
        PayloadResult<T>.Rejected([new PayloadError(string.Empty, TooLargeMessage(length))], messageId: null);

    private static string TooLargeMessage(long length) => string.Create(
        CultureInfo.InvariantCulture,
        $"The payload is {length} bytes; at most {PayloadLimits.MaxPayloadBytes} bytes are accepted.");
}
