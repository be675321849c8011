using System.Text.Json;
using ThuisMonitoring.Domain.Continuous;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>
/// A stream's saved sample windows (issue 14) are by column: on random windows with fixed seeds they read back sample
/// for sample (to the tick and the UTC offset, missing values, sensor off), and windows saved before (one object per
/// sample) still read.
/// </summary>
public sealed class ContinuousSamplesJsonProperties
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_saved_window_is_by_column_and_the_objects_saved_before_still_read()
    {
        var samples = new[]
        {
            new ContinuousSample(Start, 95, 80, 16, 2.5),
            new ContinuousSample(Start.AddSeconds(1), 94, null, 17, 2.4, SensorOn: false),
        };
        var state = new ArtefactFilterState([], samples, 95, Start);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(state, options);

        json.Should().Be("{\"held\":[],\"recent\":{\"from\":\"2026-12-01T00:00:00+00:00\",\"seconds\":[0,1],\"spo2\":[95,94],"
            + "\"heartRate\":[80,null],\"respiratoryRate\":[16,17],\"perfusionIndex\":[2.5,2.4],\"sensorOff\":[1]},"
            + "\"jumpBase\":95,\"jumpStart\":\"2026-12-01T00:00:00+00:00\"}");
        Read<ArtefactFilterState>(json, options).Recent.Should().Equal(samples);

        // As the code before issue 14 saved it (one object per sample; a sample without sensorOn is sensor on).
        var before = "{\"held\":[{\"at\":\"2026-12-01T00:00:00+00:00\",\"spo2\":95,\"heartRate\":80,\"respiratoryRate\":16,\"perfusionIndex\":2.5}],"
            + "\"recent\":[{\"at\":\"2026-12-01T00:00:00+00:00\",\"spo2\":95,\"heartRate\":80,\"respiratoryRate\":16,\"perfusionIndex\":2.5,\"sensorOn\":true},"
            + "{\"at\":\"2026-12-01T00:00:01+00:00\",\"spo2\":94,\"heartRate\":null,\"respiratoryRate\":17,\"perfusionIndex\":2.4,\"sensorOn\":false}],"
            + "\"jumpBase\":95,\"jumpStart\":\"2026-12-01T00:00:00+00:00\"}";
        var read = Read<ArtefactFilterState>(before, options);
        read.Held.Should().Equal(samples[0]);
        read.Recent.Should().Equal(samples);
        JsonSerializer.Serialize(read with { Held = [] }, options).Should().Be(json, "read and saved again it is today's form");
    }

    [Fact]
    public void A_value_missing_in_every_sample_is_left_out_and_reads_as_missing()
    {
        var samples = new[] { new ContinuousSample(Start, 95), new ContinuousSample(Start.AddSeconds(1), 96) };
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(new ArtefactFilterState(samples, [], 0, Start), options);

        json.Should().StartWith("{\"held\":{\"from\":\"2026-12-01T00:00:00+00:00\",\"seconds\":[0,1],\"spo2\":[95,96]},\"recent\":[]");
        var read = Read<ArtefactFilterState>(json, options);
        read.Held.Should().Equal(samples);
        read.Recent.Should().BeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_saved_window_reads_back_sample_for_sample_to_the_tick_and_offset(int seed)
    {
        var random = new Random(seed);
        var samples = new List<ContinuousSample>();
        var at = Start;
        for (var i = 0; i < 400; i++)
        {
            at = random.Next(4) == 0 ? at.AddTicks(random.Next(1, 30_000_000) + random.Next(10_000)) : at.AddSeconds(1);
            var offset = TimeSpan.FromMinutes(random.Next(6) == 0 ? 60 * random.Next(-3, 4) : 0);
            var measuredAt = random.Next(40) == 0 ? at.AddSeconds(-random.Next(1, 50)) : at;
            samples.Add(new ContinuousSample(
                measuredAt.ToOffset(offset),
                random.Next(8) == 0 ? null : random.Next(70, 101),
                random.Next(8) == 0 ? null : random.Next(30, 180),
                random.Next(8) == 0 ? null : random.Next(5, 40),
                random.Next(8) == 0 ? null : random.Next(0, 200) / 10.0 + (random.Next(10) == 0 ? 0.0123456789 : 0),
                random.Next(10) != 0));
        }

        var state = new ContinuousState("covid-oxygen@1", at, samples, new ArtefactFilterState(samples[..7], samples[^5..], 93, Start), []);
        foreach (var options in new[] { new JsonSerializerOptions(JsonSerializerDefaults.Web), new JsonSerializerOptions() })
        {
            var read = Read<ContinuousState>(JsonSerializer.Serialize(state, options), options);

            read.Recent.Should().Equal(samples);
            read.Recent.Select(s => s.At.Offset).Should().Equal(samples.Select(s => s.At.Offset));
            read.Recent.Select(s => s.At.Ticks).Should().Equal(samples.Select(s => s.At.Ticks));
            read.Filter.Held.Should().Equal(samples[..7]);
            read.Filter.Recent.Should().Equal(samples[^5..]);
        }
    }

    private static T Read<T>(string json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<T>(json, options) ?? throw new JsonException("null");
}
