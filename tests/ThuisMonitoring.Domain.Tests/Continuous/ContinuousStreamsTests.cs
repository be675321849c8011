using System.Text.Json;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>
/// PROTOCOL.md section 4, streams: a stream's samples are never evaluated as spot checks, its first ones included (its
/// start is warm-up, stored and flagged); artefacts are flagged by kind; one stream per device.
/// </summary>
public sealed class ContinuousStreamsTests
{
    private static readonly DateTimeOffset Start = SpotCheck.MorningRound;
    private static readonly ProtocolDocument Protocol = CovidOxygenProtocol.Default;
    private static readonly OxygenPrescription OnTwoLitres = new(2.0);
    private readonly ContinuousStreams _streams = new();

    [Fact]
    public void A_backlog_array_is_a_stream_from_its_first_sample_so_a_spike_at_its_start_is_warm_up()
    {
        // The first report: 95 -> 80 -> 95 in the first seconds of a stream uploaded as a backlog array.
        var backlog = Samples(Start, [95, 80, 80, 95, .. Enumerable.Repeat(95, 116)]);

        var steps = Observe("meter-1", backlog);

        steps.Take(10).Should().OnlyContain(s => s.Role == SampleRole.WarmUp && s.Flag == SampleRoleNames.WarmUpFlag);
        steps.Skip(10).Should().OnlyContain(s => s.Role == SampleRole.Continuous);
        steps.Should().NotContain(s => s.Role == SampleRole.SpotCheck);
        steps.Should().OnlyContain(s => s.Evaluation == null);
    }

    [Fact]
    public void The_warm_up_lasts_until_the_stream_is_ten_seconds_old()
    {
        var steps = Observe("meter-1", Samples(Start, Enumerable.Repeat(96, 30)));

        steps.Count(s => s.Role == SampleRole.WarmUp).Should().Be((int)Protocol.Continuous.Streams.WarmUp.TotalSeconds);
        steps[(int)Protocol.Continuous.Streams.WarmUp.TotalSeconds].Role.Should().Be(SampleRole.Continuous);
    }

    [Fact]
    public void Live_1_Hz_the_first_sample_of_a_device_that_never_streamed_is_a_spot_check_and_the_rest_are_the_stream()
    {
        var roles = Samples(Start, Enumerable.Repeat(96, 20)).Select(sample => Observe("meter-1", [sample]).Single().Role).ToList();

        roles[0].Should().Be(SampleRole.SpotCheck, "nothing yet says this device streams");
        roles.Skip(1).Take(9).Should().OnlyContain(r => r == SampleRole.WarmUp, "the stream started at the first sample");
        roles.Skip(10).Should().OnlyContain(r => r == SampleRole.Continuous);
    }

    [Fact]
    public void After_a_gap_a_device_that_streams_starts_with_warm_up_again_even_with_one_sample()
    {
        Observe("meter-1", Samples(Start, Enumerable.Repeat(96, 30)));

        var afterGap = Observe("meter-1", Samples(Start.AddSeconds(29 + 11), [80]));

        afterGap.Single().Role.Should().Be(SampleRole.WarmUp, "a known stream's lone sample is the start of a new stream, not a spot check");
    }

    [Fact]
    public void Spot_checks_minutes_apart_stay_spot_checks()
    {
        var roles = Enumerable.Range(0, 4)
            .Select(i => Observe("meter-1", [new Measurement(Start.AddMinutes(i * 5), Spo2: 95)]).Single().Role);

        roles.Should().OnlyContain(r => r == SampleRole.SpotCheck);
    }

    [Fact]
    public void Patient_app_measurements_are_always_spot_checks()
    {
        var steps = _streams.Observe("app-1", DeviceKind.PatientApp, Samples(Start, Enumerable.Repeat(95, 20)), true, Protocol, OnTwoLitres);

        steps.Should().OnlyContain(s => s.Role == SampleRole.SpotCheck);
    }

    [Theory]
    [InlineData("sensor-off")]
    [InlineData("low-perfusion")]
    [InlineData("spo2-jump")]
    public void Artefacts_are_flagged_with_their_kind(string kind)
    {
        Observe("meter-1", Samples(Start, Enumerable.Repeat(96, 60)));
        var at = Start.AddSeconds(60);
        List<StreamStep> steps = kind switch
        {
            "sensor-off" => [.. _streams.Observe("meter-1", DeviceKind.Oximeter, Samples(at, [96, 96]), false, Protocol, OnTwoLitres)],
            "low-perfusion" => [.. Observe("meter-1", Samples(at, [84, 84]).Select(m => m with { PerfusionIndex = 0.2 }).ToList())],
            _ => [.. Observe("meter-1", Samples(at, [96, 80, 80, 96, 96]))],
        };

        var flagged = steps.Where(s => s.Flag is not null).Select(s => (s.Measurement.MeasuredAt, s.Flag))
            .Concat(steps.SelectMany(s => s.LateArtefacts.Select(late => (late, (string?)ArtefactKind.Spo2Jump.ToCode()))))
            .ToList();

        flagged.Should().NotBeEmpty().And.OnlyContain(f => f.Item2 == kind);
        if (kind == "spo2-jump")
        {
            flagged.Select(f => f.Item1).Should().BeEquivalentTo([at.AddSeconds(1), at.AddSeconds(2)], "the two samples of the spike");
        }
    }

    [Fact]
    public void Two_meters_of_one_patient_do_not_mix_in_one_window()
    {
        // Meter A reads 96, meter B 88, interleaved: mixed, the running median would sit between them and never hold red.
        Evaluation? red = null;
        for (var s = 0; s < 120; s++)
        {
            Observe("meter-a", [new Measurement(Start.AddSeconds(s), Spo2: 96, HeartRate: 80)]);
            red ??= Observe("meter-b", [new Measurement(Start.AddSeconds(s).AddMilliseconds(500), Spo2: 88, HeartRate: 80)]).Single().Evaluation;
        }

        red.Should().NotBeNull();
        red!.Level.Should().Be(Level.Red);
        _streams.LevelOf("meter-b").Should().Be(Level.Red);
        _streams.LevelOf("meter-a").Should().Be(Level.Green);
    }

    [Fact]
    public void A_restart_in_the_middle_of_a_window_keeps_the_streams_warm()
    {
        Observe("meter-1", Samples(Start, [.. Enumerable.Repeat(96, 60), .. Enumerable.Repeat(88, 40)]));

        var json = JsonSerializer.Serialize(_streams.ToState());
        var restarted = new ContinuousStreams(JsonSerializer.Deserialize<ContinuousStreamsState>(json));
        var steps = restarted.Observe("meter-1", DeviceKind.Oximeter, Samples(Start.AddSeconds(100), Enumerable.Repeat(88, 25)), true, Protocol, OnTwoLitres);

        steps.Should().OnlyContain(s => s.Role == SampleRole.Continuous, "no warm-up: the stream did not stop");
        steps.Select(s => s.Evaluation).OfType<Evaluation>().Should().ContainSingle().Which.Level.Should().Be(Level.Red);
        restarted.LastSampleAt.Should().Be(Start.AddSeconds(124));
    }

    private List<StreamStep> Observe(string deviceId, IReadOnlyList<Measurement> measurements) =>
        [.. _streams.Observe(deviceId, DeviceKind.Oximeter, measurements, true, Protocol, OnTwoLitres)];

    private static List<Measurement> Samples(DateTimeOffset from, IEnumerable<int> spo2) =>
        spo2.Select((value, second) => new Measurement(from.AddSeconds(second), Spo2: value, HeartRate: 80, PerfusionIndex: 2.0)).ToList();
}
