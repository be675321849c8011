using System.Buffers;
using ThuisMonitoring.Mqtt.Payloads;
using static ThuisMonitoring.Mqtt.Tests.Payloads.TestPayloads;

namespace ThuisMonitoring.Mqtt.Tests.Payloads;

/// <summary>What a payload must be before its fields are looked at: small, UTF-8, one JSON object or array, not too deep.</summary>
public sealed class PayloadShapeTests
{
    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \r\n\t", "empty")]
    [InlineData("null", "must be a measurement object")]
    [InlineData("42", "must be a measurement object")]
    [InlineData("\"spo2\"", "must be a measurement object")]
    [InlineData("true", "must be a measurement object")]
    [InlineData("spo2=95", "not valid JSON")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[", "not valid JSON")]
    [InlineData("{\"measuredAt\":\"2025-03-10T11:59:00Z\",\"spo2\":95", "not valid JSON")]
    [InlineData("{\"measuredAt\":\"2025-03-10T11:59:00Z\",\"spo2\":95}}", "not valid JSON")]
    [InlineData("{\"measuredAt\":\"2025-03-10T11:59:00Z\",\"spo2\":95} {}", "not valid JSON")]
    [InlineData("{\"measuredAt\":\"2025-03-10T11:59:00Z\",\"spo2\":95,}", "not valid JSON")]
    [InlineData("{\"measuredAt\":\"2025-03-10T11:59:00Z\",/* finger */\"spo2\":95}", "not valid JSON")]
    [InlineData("{'measuredAt':'2025-03-10T11:59:00Z','spo2':95}", "not valid JSON")]
    [InlineData("{\"measuredAt\":\"2025-03-10T11:59:00Z\",\"spo2\":NaN}", "not valid JSON")]
    [InlineData("{\"measuredAt\":\"2025-03-10T11:59:00Z\",\"temperature\":Infinity}", "not valid JSON")]
    [InlineData("{\"measuredAt\":\"2025-03-10T11:59:00Z\",\"spo2\":095}", "not valid JSON")]
    [InlineData("{\"measuredAt\":\"2025-03-10T11:59:00Z\",\"spo2\":+95}", "not valid JSON")]
    public void A_payload_that_is_not_one_JSON_object_or_array_is_rejected(string payload, string reason)
    {
        var result = MeasurementPayloadParser.Parse(Utf8(payload), Now);

        result.IsAccepted.Should().BeFalse();
        result.Errors.Should().ContainSingle(e => e.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Surrounding_whitespace_and_a_byte_order_mark_are_tolerated()
    {
        var payload = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8("\r\n  " + MeasurementJson("\"spo2\":95") + "\n")).ToArray();

        MeasurementPayloadParser.Parse(payload, Now).IsAccepted.Should().BeTrue();
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void Invalid_UTF_8_anywhere_rejects_the_payload(byte[] invalid)
    {
        // Inside the value of a field the platform would otherwise ignore.
        var payload = Utf8("{\"measuredAt\":\"" + RecentMeasuredAt + "\",\"spo2\":95,\"note\":\"a").Concat(invalid).Concat(Utf8("\"}")).ToArray();

        var result = MeasurementPayloadParser.Parse(payload, Now);

        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("UTF-8");
    }

    [Fact]
    public void A_payload_over_256_KiB_is_rejected_before_it_is_read()
    {
        var padding = new string(' ', PayloadLimits.MaxPayloadBytes);
        var payload = Utf8(MeasurementJson("\"spo2\":95") + padding);

        var result = MeasurementPayloadParser.Parse(payload, Now);

        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("at most 262144 bytes");
    }

    [Fact]
    public void A_payload_of_exactly_256_KiB_is_read()
    {
        var json = MeasurementJson("\"spo2\":95");
        var payload = Utf8(json + new string(' ', PayloadLimits.MaxPayloadBytes - json.Length));

        payload.Length.Should().Be(PayloadLimits.MaxPayloadBytes);
        MeasurementPayloadParser.Parse(payload, Now).IsAccepted.Should().BeTrue();
    }

    [Fact]
    public void A_segmented_payload_over_256_KiB_is_rejected_before_it_is_copied()
    {
        var payload = Utf8(MeasurementJson("\"spo2\":95") + new string(' ', PayloadLimits.MaxPayloadBytes));

        MeasurementPayloadParser.Parse(Segmented(payload, 10, 100_000), Now)
            .Errors.Should().ContainSingle().Which.Message.Should().Contain("bytes");
    }

    [Theory]
    [InlineData(7, true)]
    [InlineData(8, false)]
    [InlineData(10_000, false)]
    public void Nesting_deeper_than_8_levels_is_rejected_even_inside_ignored_fields(int arrays, bool accepted)
    {
        // The measurement object is the first level; each array adds one.
        var nested = new string('[', arrays) + "1" + new string(']', arrays);

        var result = MeasurementPayloadParser.Parse(Measurement($"\"spo2\":95,\"trace\":{nested}"), Now);

        result.IsAccepted.Should().Be(accepted);
        if (!accepted)
        {
            result.Errors.Should().ContainSingle().Which.Message.Should().Contain("deeper than 8 levels");
        }
    }

    [Fact]
    public void Nesting_counts_the_batch_array_as_a_level()
    {
        var item = MeasurementJson("\"spo2\":95,\"trace\":[[[[[[1]]]]]]");

        MeasurementPayloadParser.Parse(Utf8($"[{item}]"), Now).IsAccepted.Should().BeTrue();
        MeasurementPayloadParser.Parse(Utf8($"[{item.Replace("[1]", "[[1]]", StringComparison.Ordinal)}]"), Now).IsAccepted.Should().BeFalse();
    }

    [Fact]
    public void A_payload_split_over_segments_is_read_like_a_contiguous_one()
    {
        var json = Utf8(Batch(3, i => MeasurementJson($"\"spo2\":{90 + i},\"messageId\":\"é-{i}\"")));
        var expected = MeasurementPayloadParser.Parse(json, Now);

        foreach (var cut in new[] { 1, 2, 17, 40, json.Length / 2, json.Length - 1 })
        {
            var segmented = Segmented(json, cut, cut + 3);
            segmented.IsSingleSegment.Should().BeFalse();

            var result = MeasurementPayloadParser.Parse(segmented, Now);

            result.Value.Should().Equal(expected.Value);
        }
    }

    [Fact]
    public void A_single_segment_sequence_is_read()
    {
        var result = MeasurementPayloadParser.Parse(new ReadOnlySequence<byte>(Measurement("\"spo2\":95")), Clock());

        result.IsAccepted.Should().BeTrue();
    }
}
