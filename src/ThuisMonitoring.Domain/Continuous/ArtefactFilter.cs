using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// Separates trusted continuous samples from artefacts: sensor off and low perfusion at once; an SpO2 jump of more
/// than the rule's points within its few seconds is held back until it either reverses within the reversal time
/// (then the held samples are artefacts, reported late) or lasts (then they are trusted: a real sudden change).
/// The recent trusted samples are a ring buffer; a step reuses the filter's own lists (<see cref="Step"/>), so a
/// sample costs no allocation.
/// </summary>
public sealed class ArtefactFilter(ArtefactRules rules)
{
    private readonly List<ContinuousSample> _held = [];
    private readonly SampleRing _recent = new();
    private readonly List<ContinuousSample> _trusted = [];
    private readonly List<ContinuousSample> _late = [];
    private int _jumpBase;
    private DateTimeOffset _jumpStart;

    /// <summary>A filter restored from its saved state: samples held back after a jump stay held across a deactivation.</summary>
    public ArtefactFilter(ArtefactRules rules, ArtefactFilterState state)
        : this(rules)
    {
        _held.AddRange(state.Held);
        _recent.AddRange(state.Recent);
        _jumpBase = state.JumpBase;
        _jumpStart = state.JumpStart;
    }

    public ArtefactFilterState ToState() => new([.. _held], _recent.ToArray(), _jumpBase, _jumpStart);

    /// <summary>True while samples are held back after a jump.</summary>
    public bool Holding => _held.Count > 0;

    /// <summary>The samples the last <see cref="Step"/> trusted, oldest first (valid until the next step).</summary>
    public IReadOnlyList<ContinuousSample> Trusted => _trusted;

    /// <summary>The held samples the last <see cref="Step"/> found to be artefacts (valid until the next step).</summary>
    public IReadOnlyList<ContinuousSample> Late => _late;

    /// <summary>What the filter makes of one sample, as a value (copies <see cref="Trusted"/> and <see cref="Late"/>).</summary>
    public ArtefactStep Accept(ContinuousSample sample)
    {
        var kind = Step(sample);
        return new ArtefactStep(kind, [.. _trusted], _late.Count == 0 ? [] : [.. _late]);
    }

    /// <summary>
    /// Filters one sample: returns its artefact kind (None also while held back) and leaves the samples now trusted in
    /// <see cref="Trusted"/> and held ones that were artefacts in <see cref="Late"/>.
    /// </summary>
    public ArtefactKind Step(ContinuousSample sample)
    {
        _trusted.Clear();
        _late.Clear();
        if (Holding && sample.At - _jumpStart > rules.ReversalWithin)
        {
            // The jump did not reverse in time: it was a real change.
            foreach (var held in _held)
            {
                Trust(held);
            }

            _held.Clear();
            Trimmed();
        }

        if (!sample.SensorOn)
        {
            return ArtefactKind.SensorOff;
        }

        if (sample.PerfusionIndex is { } perfusion && perfusion < rules.MinimumPerfusionIndex)
        {
            return ArtefactKind.LowPerfusion;
        }

        if (Holding)
        {
            if (sample.Spo2 is { } spo2 && Math.Abs(spo2 - _jumpBase) <= rules.JumpPoints)
            {
                _late.AddRange(_held);
                _held.Clear();
                Trust(sample);
                Trimmed();
            }
            else
            {
                _held.Add(sample);
            }

            return ArtefactKind.None;
        }

        if (sample.Spo2 is { } value && JumpReference(sample) is { } reference && Math.Abs(value - reference) > rules.JumpPoints)
        {
            _jumpBase = reference;
            _jumpStart = sample.At;
            _held.Add(sample);
            return ArtefactKind.None;
        }

        Trust(sample);
        Trimmed();
        return ArtefactKind.None;
    }

    /// <summary>Of the trusted SpO2 values of the last few seconds, the one farthest from this sample.</summary>
    private int? JumpReference(ContinuousSample sample)
    {
        int? reference = null;
        for (var i = 0; i < _recent.Count; i++)
        {
            var recent = _recent[i];
            if (sample.At - recent.At <= rules.JumpWithin && recent.Spo2 is { } spo2
                && (reference is null || Math.Abs(spo2 - sample.Spo2!.Value) > Math.Abs(reference.Value - sample.Spo2!.Value)))
            {
                reference = spo2;
            }
        }

        return reference;
    }

    private void Trust(ContinuousSample sample)
    {
        _trusted.Add(sample);
        _recent.Add(sample);
    }

    // The recent trusted values reach back the jump rule's few seconds from the newest trusted one.
    private void Trimmed()
    {
        if (_trusted.Count > 0)
        {
            _recent.RemoveBefore(_trusted[^1].At - rules.JumpWithin);
        }
    }
}

/// <summary>
/// What the filter made of one sample: its artefact kind (None also while it is held back after a jump), the samples
/// now trusted (this one, or held ones released), and held samples that turned out to be artefacts.
/// </summary>
public sealed record ArtefactStep(ArtefactKind Kind, IReadOnlyList<ContinuousSample> Trusted, IReadOnlyList<ContinuousSample> LateArtefacts);

/// <summary>The saved state of an <see cref="ArtefactFilter"/> (its samples by column, <see cref="ContinuousSamplesJson"/>).</summary>
public sealed record ArtefactFilterState(
    [property: System.Text.Json.Serialization.JsonConverter(typeof(ContinuousSamplesJson))] IReadOnlyList<ContinuousSample> Held,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(ContinuousSamplesJson))] IReadOnlyList<ContinuousSample> Recent,
    int JumpBase,
    DateTimeOffset JumpStart);
