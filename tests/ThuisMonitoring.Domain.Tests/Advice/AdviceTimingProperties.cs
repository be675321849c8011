using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Advice;

/// <summary>
/// The episode runs its advice rules only when something they depend on changed or an instant passed at which their
/// outcome could change (issue 14). On random journeys with fixed seeds (spot checks, 1 Hz samples, flow changes,
/// decisions, seconds to days between them), every answer of <see cref="Episode.Advise"/> is the one an episode
/// without that memory gives: a fresh episode restored from the same snapshot, which always runs the rules.
/// </summary>
public sealed class AdviceTimingProperties
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly double[] Flows = [0, 0.5, 1, 1.5, 2, 3, 5];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Advice_comes_at_the_same_moments_as_when_the_rules_run_every_time(int seed)
    {
        var protocol = CovidOxygenProtocol.Default;
        var random = new Random(seed);
        var pathway = (Pathway)random.Next(3);
        var episode = Episode.Start(new Enrolment("p-" + seed, pathway, "dr", "org", Flows[random.Next(1, 5)], null, Start));
        var now = Start;
        var ids = 0;
        var kinds = new HashSet<AdviceKind>();
        var proposed = 0;
        for (var step = 0; step < 6_000; step++)
        {
            now = random.Next(10) switch
            {
                < 6 => now.AddSeconds(1),
                < 8 => now.AddMinutes(random.Next(1, 90)),
                8 => now.AddHours(random.Next(1, 13)),
                _ => now,
            };
            switch (random.Next(12))
            {
                case 0 or 1:
                    episode.Record(new Measurement(now, random.Next(88, 100), random.Next(60, 110), random.Next(12, 24), Exertion: random.Next(8) == 0),
                        protocol, now, () => "a" + ++ids);
                    break;
                case 2 or 3 or 4:
                    episode.ObserveSample(new Measurement(now, random.Next(92, 99), 80, random.Next(14, 21)), random.Next(6) == 0 ? Level.Orange : Level.Green, protocol);
                    break;
                case 5 when random.Next(6) == 0:
                    episode.ChangeOxygenFlow(Flows[random.Next(Flows.Length)], now, "dr");
                    break;
                case 6 when episode.Advice.FirstOrDefault(a => a.IsOpen) is { } open:
                    episode.DecideAdvice(open.AdviceId, random.Next(2) == 0, "dr", null, now);
                    break;
            }

            var fresh = new Episode(episode.ToSnapshot());
            var next = ids;
            var expected = fresh.Advise(protocol, now, () => "advice-" + ++next);
            var actual = episode.Advise(protocol, now, () => "advice-" + ++ids);

            actual.Select(Shape).Should().Equal(expected.Select(Shape), "step {0} at {1:O} (seed {2})", step, now, seed);
            proposed += actual.Count;
            kinds.UnionWith(actual.Select(a => a.Kind));
        }

        proposed.Should().BeGreaterThan(5, "the journey must give the rules something to propose");
        kinds.Should().Contain([AdviceKind.LowerOxygenFlow, AdviceKind.EpisodeReview]);
    }

    private static string Shape(ClinicalAdvice advice) =>
        $"{advice.Kind}|{advice.Reason}|{advice.Summary}|{advice.Evidence.Count}|{advice.ProposedFlow}|{advice.ProposedAt:O}";
}
