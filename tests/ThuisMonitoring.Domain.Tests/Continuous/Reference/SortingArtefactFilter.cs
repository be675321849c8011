using ThuisMonitoring.Domain.Protocols;

using ThuisMonitoring.Domain.Continuous;

namespace ThuisMonitoring.Domain.Tests.Continuous.Reference;

/// <summary>
/// The artefact filter as it was before issue 14 (the reference of <see cref="SortingContinuousEvaluator"/>).
/// Separates trusted continuous samples from artefacts: sensor off and low perfusion at once; an SpO2 jump of more
/// than the rule's points within its few seconds is held back until it either reverses within the reversal time
/// (then the held samples are artefacts, reported late) or lasts (then they are trusted: a real sudden change).
/// </summary>
public sealed class SortingArtefactFilter(ArtefactRules rules)
{
    private readonly List<ContinuousSample> _held = [];
    private readonly List<ContinuousSample> _recent = [];
    private int _jumpBase;
    private DateTimeOffset _jumpStart;

    /// <summary>A filter restored from its saved state: samples held back after a jump stay held across a deactivation.</summary>
    public SortingArtefactFilter(ArtefactRules rules, ArtefactFilterState state)
        : this(rules)
    {
        _held.AddRange(state.Held);
        _recent.AddRange(state.Recent);
        _jumpBase = state.JumpBase;
        _jumpStart = state.JumpStart;
    }

    public ArtefactFilterState ToState() => new([.. _held], [.. _recent], _jumpBase, _jumpStart);

    /// <summary>True while samples are held back after a jump.</summary>
    public bool Holding => _held.Count > 0;

    public ArtefactStep Accept(ContinuousSample sample)
    {
        var trusted = new List<ContinuousSample>();
        IReadOnlyList<ContinuousSample> late = [];
        if (Holding && sample.At - _jumpStart > rules.ReversalWithin)
        {
            // The jump did not reverse in time: it was a real change.
            Trust(_held, trusted);
            _held.Clear();
        }

        if (!sample.SensorOn)
        {
            return new ArtefactStep(ArtefactKind.SensorOff, trusted, late);
        }

        if (sample.PerfusionIndex is { } perfusion && perfusion < rules.MinimumPerfusionIndex)
        {
            return new ArtefactStep(ArtefactKind.LowPerfusion, trusted, late);
        }

        if (Holding)
        {
            if (sample.Spo2 is { } spo2 && Math.Abs(spo2 - _jumpBase) <= rules.JumpPoints)
            {
                late = [.. _held];
                _held.Clear();
                Trust([sample], trusted);
            }
            else
            {
                _held.Add(sample);
            }

            return new ArtefactStep(ArtefactKind.None, trusted, late);
        }

        if (sample.Spo2 is { } value && JumpReference(sample) is { } reference && Math.Abs(value - reference) > rules.JumpPoints)
        {
            _jumpBase = reference;
            _jumpStart = sample.At;
            _held.Add(sample);
            return new ArtefactStep(ArtefactKind.None, trusted, late);
        }

        Trust([sample], trusted);
        return new ArtefactStep(ArtefactKind.None, trusted, late);
    }

    /// <summary>Of the trusted SpO2 values of the last few seconds, the one farthest from this sample.</summary>
    private int? JumpReference(ContinuousSample sample)
    {
        int? reference = null;
        foreach (var recent in _recent)
        {
            if (sample.At - recent.At <= rules.JumpWithin && recent.Spo2 is { } spo2
                && (reference is null || Math.Abs(spo2 - sample.Spo2!.Value) > Math.Abs(reference.Value - sample.Spo2!.Value)))
            {
                reference = spo2;
            }
        }

        return reference;
    }

    private void Trust(IEnumerable<ContinuousSample> samples, List<ContinuousSample> trusted)
    {
        foreach (var sample in samples)
        {
            trusted.Add(sample);
            _recent.Add(sample);
        }

        var cutoff = trusted.Count > 0 ? trusted[^1].At - rules.JumpWithin : DateTimeOffset.MinValue;
        _recent.RemoveAll(r => r.At < cutoff);
    }
}

