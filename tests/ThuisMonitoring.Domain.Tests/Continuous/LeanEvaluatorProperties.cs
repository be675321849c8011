using System.Text.Json;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Tests.Continuous.Reference;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>
/// The lean continuous evaluator (ring buffers, counting-histogram medians, memoised findings; issue 14) against the
/// straightforward one it replaced (<see cref="SortingContinuousEvaluator"/>: lists, sorting medians, the protocol per
/// sample), on random streams with fixed seeds: every outcome, every level and the saved state agree, across saves
/// and restores, a changed flow and values outside the measurement ranges.
/// </summary>
public sealed class LeanEvaluatorProperties
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_streams_give_the_same_outcomes_as_the_sorting_reference(int seed)
    {
        var protocol = CovidOxygenProtocol.Default;
        var random = new Random(seed);
        var lean = new ContinuousEvaluator(protocol);
        var reference = new SortingContinuousEvaluator(protocol);
        var prescription = new OxygenPrescription(2);
        var at = Start;
        var level = (Spo2: 95, HeartRate: 80, RespiratoryRate: 16);
        var (evaluations, late, artefacts) = (0, 0, 0);
        for (var i = 0; i < 20_000; i++)
        {
            at = at.AddMilliseconds(random.Next(100) < 3 ? random.Next(2_000, 20_000) : random.Next(100) < 10 ? random.Next(200, 1_000) : 1_000);
            if (random.Next(300) == 0)
            {
                // A new level for a while: the bands, the holds and the step-downs all get their turn.
                level = (random.Next(80, 99), random.Next(35, 150), random.Next(6, 32));
            }

            if (random.Next(5_000) == 0)
            {
                prescription = new OxygenPrescription(random.Next(0, 6));
            }

            int? spo2 = random.Next(40) == 0 ? null : random.Next(150) == 0 ? random.Next(30, 110) : level.Spo2 + random.Next(-2, 3);
            int? heartRate = random.Next(30) == 0 ? null : random.Next(400) == 0 ? random.Next(0, 300) : level.HeartRate + random.Next(-6, 7);
            int? respiratoryRate = random.Next(30) == 0 ? null : random.Next(400) == 0 ? random.Next(0, 80) : level.RespiratoryRate + random.Next(-2, 3);
            var sample = new ContinuousSample(at, spo2, heartRate, respiratoryRate, random.Next(150) == 0 ? 0.1 : 2.0, random.Next(120) != 0);
            if (random.Next(200) == 0)
            {
                // A repeat of an earlier time: both refuse it.
                sample = sample with { At = at.AddSeconds(-random.Next(0, 5)) };
            }

            var expected = reference.Observe(sample, prescription);
            var actual = lean.Observe(sample, prescription);
            Describe(actual).Should().Be(Describe(expected), "sample {0} at {1:O} (seed {2})", i, sample.At, seed);
            lean.Level.Should().Be(reference.Level);
            evaluations += actual.Evaluation is null ? 0 : 1;
            late += actual.LateArtefacts.Count;
            artefacts += actual.IsArtefact ? 1 : 0;
            lean.LastSampleAt.Should().Be(reference.LastSampleAt);

            if (random.Next(1_500) == 0)
            {
                var saved = JsonSerializer.Serialize(lean.ToState(), Json);
                saved.Should().Be(JsonSerializer.Serialize(reference.ToState(), Json));
                var state = JsonSerializer.Deserialize<ContinuousState>(saved, Json)!;
                lean = new ContinuousEvaluator(protocol, state);
                reference = new SortingContinuousEvaluator(protocol, state);
            }
        }

        JsonSerializer.Serialize(lean.ToState(), Json).Should().Be(JsonSerializer.Serialize(reference.ToState(), Json));
        evaluations.Should().BeGreaterThan(20, "the stream must escalate and step down often enough to compare");
        late.Should().BePositive("some SpO2 jumps must reverse");
        artefacts.Should().BePositive();
    }

    private static string Describe(ContinuousOutcome outcome) =>
        JsonSerializer.Serialize(outcome, Json);
}
