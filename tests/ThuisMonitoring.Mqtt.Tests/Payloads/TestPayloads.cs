using System.Buffers;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ThuisMonitoring.Mqtt.Tests.Payloads;

/// <summary>The platform clock and payload builders the payload specifications share.</summary>
internal static class TestPayloads
{
    /// <summary>The platform's "now" in every payload test.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A minute before <see cref="Now"/>: comfortably inside the accepted window.</summary>
    public const string RecentMeasuredAt = "2025-03-10T11:59:00Z";

    public static FakeTimeProvider Clock() => new(Now);

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>A measurement object with a recent measuredAt and the given extra JSON members.</summary>
    public static string MeasurementJson(string members) =>
        members.Length == 0 ? $$"""{"measuredAt":"{{RecentMeasuredAt}}"}""" : $$"""{"measuredAt":"{{RecentMeasuredAt}}",{{members}}}""";

    public static byte[] Measurement(string members) => Utf8(MeasurementJson(members));

    public static string Batch(int count, Func<int, string> item) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(item)) + "]";

    /// <summary>The bytes as MQTTnet may hand them over: a sequence of several segments cut at the given points.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] payload, params int[] cuts)
    {
        var bounds = cuts.Where(c => c > 0 && c < payload.Length).Distinct().Order().Append(payload.Length).ToArray();
        var first = new Segment(payload.AsMemory(0, bounds[0]), 0);
        var last = first;
        for (var i = 1; i < bounds.Length; i++)
        {
            last = last.Append(payload.AsMemory(bounds[i - 1], bounds[i] - bounds[i - 1]));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
