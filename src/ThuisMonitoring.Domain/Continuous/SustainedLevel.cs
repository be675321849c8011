using System.Runtime.CompilerServices;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// The level of one tracked rule with hysteresis: it rises as soon as the (already persistence-filtered) candidate
/// is higher, and steps down to a lower band only after the candidate has stayed within that band or below for the
/// step-down time. A red that recovers through orange steps to orange, then to green, each after its own time.
/// </summary>
public sealed class SustainedLevel
{
    // Indexed by level: since when the candidate has stayed below that level (null while it is at or above it).
    private PerLevel<DateTimeOffset?> _belowSince;
    private PerLevel<Finding?> _latestFinding;

    public SustainedLevel()
    {
    }

    /// <summary>A level restored from its saved state (the windows survive a grain deactivation).</summary>
    public SustainedLevel(SustainedLevelState state)
    {
        Level = state.Level;
        Finding = state.Finding;
        for (var i = 0; i < PerLevel<Finding?>.Length; i++)
        {
            _belowSince[i] = i < state.BelowSince.Count ? state.BelowSince[i] : null;
            _latestFinding[i] = i < state.LatestFindings.Count ? state.LatestFindings[i] : null;
        }
    }

    public Level Level { get; private set; }

    /// <summary>The finding that carries the current level (null while green).</summary>
    public Finding? Finding { get; private set; }

    /// <summary>Applies a candidate level (with its finding) observed at <paramref name="at"/>; returns true when the level changed.</summary>
    public bool Update(Level candidate, Finding? finding, DateTimeOffset at, TimeSpan stepDownAfter)
    {
        for (var level = Level.Orange; level <= Level.Red; level++)
        {
            _belowSince[(int)level] = candidate < level ? _belowSince[(int)level] ?? at : null;
        }

        _latestFinding[(int)candidate] = finding;
        if (candidate >= Level)
        {
            var changed = candidate > Level;
            Level = candidate;
            Finding = finding;
            return changed;
        }

        var target = Level;
        while (target > Level.Green && _belowSince[(int)target] is { } since && at - since >= stepDownAfter)
        {
            target--;
        }

        if (target == Level)
        {
            return false;
        }

        Level = target;
        Finding = target == Level.Green ? null : _latestFinding[(int)target];
        return true;
    }

    public SustainedLevelState ToState() => new(Level, Finding, [.. _belowSince], [.. _latestFinding]);

    /// <summary>
    /// A value per level (green, orange, red), held in the level object itself: issue 14 (memory per patient), a
    /// continuous meter has four of these objects, and two arrays of three beside each took 64 bytes more than this.
    /// </summary>
    [InlineArray(Length)]
    private struct PerLevel<T>
    {
        public const int Length = 3;

        private T _green;
    }
}

/// <summary>The saved state of a <see cref="SustainedLevel"/>: its level and, per level, since when the candidate stayed below it.</summary>
public sealed record SustainedLevelState(
    Level Level,
    Finding? Finding,
    IReadOnlyList<DateTimeOffset?> BelowSince,
    IReadOnlyList<Finding?> LatestFindings);
