using ThuisMonitoring.Domain.Continuous;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>
/// A synthetic 1 Hz oximeter trace: a patient's true values second by second, with artefacts injected where nothing
/// else happens. It remembers which seconds it spoiled, so a test can check exactly those were flagged.
/// </summary>
internal sealed class Trace
{
    private readonly DateTimeOffset _start;
    private readonly ContinuousSample?[] _samples;
    private readonly bool[] _spoiled;

    public Trace(DateTimeOffset start, TimeSpan length, Func<int, (int Spo2, int HeartRate, int RespiratoryRate)> patient, int seed = 42)
    {
        _start = start;
        var random = new Random(seed);
        var seconds = (int)length.TotalSeconds;
        _samples = new ContinuousSample?[seconds];
        _spoiled = new bool[seconds];
        for (var s = 0; s < seconds; s++)
        {
            var (spo2, heartRate, respiratoryRate) = patient(s);
            _samples[s] = new ContinuousSample(
                start.AddSeconds(s),
                Spo2: Math.Clamp(spo2 + random.Next(-1, 2), 50, 100),
                HeartRate: heartRate + random.Next(-4, 5),
                RespiratoryRate: respiratoryRate + random.Next(-1, 2),
                PerfusionIndex: 1.5 + random.NextDouble() * 1.5);
        }
    }

    public IEnumerable<ContinuousSample> Samples => _samples.OfType<ContinuousSample>();

    public IReadOnlySet<DateTimeOffset> Spoiled =>
        _spoiled.Select((spoiled, s) => (spoiled, s)).Where(x => x.spoiled && _samples[x.s] is not null)
            .Select(x => _start.AddSeconds(x.s)).ToHashSet();

    /// <summary>Motion: SpO2 falls 15-25 points for 3-6 s and comes back; the heart rate reads nonsense meanwhile.</summary>
    public Trace Motion(TimeSpan every, TimeSpan first, Random random) =>
        Inject(every, first, () => random.Next(3, 7), (s, sample) => sample with
        {
            Spo2 = Math.Max(50, sample.Spo2!.Value - random.Next(15, 26)),
            HeartRate = 160,
        });

    /// <summary>The clip slips off: the device reports the sensor off and sends no values.</summary>
    public Trace SensorOff(TimeSpan every, TimeSpan first, TimeSpan length) =>
        Inject(every, first, () => (int)length.TotalSeconds, (_, sample) => sample with
        {
            Spo2 = null, HeartRate = null, RespiratoryRate = null, SensorOn = false,
        });

    /// <summary>Cold fingers: perfusion index 0.2 % and a meaningless low SpO2.</summary>
    public Trace LowPerfusion(TimeSpan every, TimeSpan first, TimeSpan length) =>
        Inject(every, first, () => (int)length.TotalSeconds, (_, sample) => sample with { Spo2 = 84, PerfusionIndex = 0.2 });

    /// <summary>Nothing at all arrives (out of range, switched off).</summary>
    public Trace Silence(TimeSpan at, TimeSpan length)
    {
        for (var s = (int)at.TotalSeconds; s < (int)(at + length).TotalSeconds; s++)
        {
            _samples[s] = null;
        }

        return this;
    }

    private Trace Inject(TimeSpan every, TimeSpan first, Func<int> length, Func<int, ContinuousSample, ContinuousSample> spoil)
    {
        // A margin of clean seconds around each artefact, so one artefact never leans on another.
        const int Margin = 15;
        for (var at = (int)first.TotalSeconds; at < _samples.Length; at += (int)every.TotalSeconds)
        {
            var seconds = length();
            var from = at - Margin;
            var to = at + seconds + Margin;
            if (from < 0 || to > _samples.Length || Enumerable.Range(from, to - from).Any(s => _spoiled[s] || _samples[s] is null))
            {
                continue;
            }

            for (var s = at; s < at + seconds; s++)
            {
                _samples[s] = spoil(s, _samples[s]!.Value);
                _spoiled[s] = true;
            }
        }

        return this;
    }
}
