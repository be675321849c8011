using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// One rule of a continuous meter (SpO2, heart rate, respiratory rate, the NEWS2 aggregate) judged on its short running
/// median (PROTOCOL.md section 4): since when that median has been in the orange band or worse, and in the red band.
/// A band escalates only once it has held for its whole window (<c>now - since ≥ window</c>); leaving the band, or no
/// trusted value for <see cref="ContinuousEvaluator.HoldBreaksAfter"/>, starts the hold over. The escalated level then
/// steps down with hysteresis (<see cref="SustainedLevel"/>).
/// </summary>
public sealed class BandHold
{
    private readonly SustainedLevel _level;
    private DateTimeOffset? _orangeSince;
    private DateTimeOffset? _redSince;
    private DateTimeOffset? _lastAt;
    private Finding? _latestOrange;
    private Finding? _latestRed;

    public BandHold(string parameter, BandHoldState? state = null)
    {
        Parameter = parameter;
        _level = state is null ? new SustainedLevel() : new SustainedLevel(state.Level);
        _orangeSince = state?.OrangeSince;
        _redSince = state?.RedSince;
        _lastAt = state?.LastAt;
        _latestOrange = state?.LatestOrange;
        _latestRed = state?.LatestRed;
    }

    public string Parameter { get; }

    /// <summary>The escalated level of this rule (after persistence and hysteresis).</summary>
    public Level Level => _level.Level;

    /// <summary>The finding that carries <see cref="Level"/> (null while green).</summary>
    public Finding? Finding => _level.Finding;

    /// <summary>Since when the running median has been in <paramref name="level"/>'s band or worse (null: not now).</summary>
    public DateTimeOffset? HeldSince(Level level) => level switch
    {
        Level.Red => _redSince,
        Level.Orange => _orangeSince,
        _ => null,
    };

    /// <summary>
    /// Applies the finding of the running median at <paramref name="at"/> (null: within targets); returns true when the
    /// escalated level changed.
    /// </summary>
    public bool Update(Finding? median, DateTimeOffset at, TimeSpan orangeWindow, TimeSpan redWindow, TimeSpan stepDownAfter)
    {
        if (_lastAt is { } last && at - last > ContinuousEvaluator.HoldBreaksAfter)
        {
            // No trusted value for a while (sensor off, artefacts, a gap): a hold cannot bridge what was not seen.
            _orangeSince = null;
            _redSince = null;
        }

        _lastAt = at;
        var level = median?.Level ?? Level.Green;
        _orangeSince = level >= Level.Orange ? _orangeSince ?? at : null;
        _redSince = level >= Level.Red ? _redSince ?? at : null;
        _latestRed = level == Level.Red ? median : level < Level.Red ? null : _latestRed;
        _latestOrange = level == Level.Orange ? median : level < Level.Orange ? null : _latestOrange;

        Level candidate;
        Finding? held;
        if (_redSince is { } red && at - red >= redWindow)
        {
            candidate = Level.Red;
            held = _latestRed;
        }
        else if (_orangeSince is { } orange && at - orange >= orangeWindow)
        {
            candidate = Level.Orange;
            held = _latestOrange ?? (_latestRed is { } r ? r with { Level = Level.Orange } : null);
        }
        else
        {
            candidate = Level.Green;
            held = null;
        }

        return _level.Update(candidate, held, at, stepDownAfter);
    }

    public BandHoldState ToState() => new(Parameter, _orangeSince, _redSince, _lastAt, _latestOrange, _latestRed, _level.ToState());
}

/// <summary>The saved state of a <see cref="BandHold"/>.</summary>
public sealed record BandHoldState(
    string Parameter,
    DateTimeOffset? OrangeSince,
    DateTimeOffset? RedSince,
    DateTimeOffset? LastAt,
    Finding? LatestOrange,
    Finding? LatestRed,
    SustainedLevelState Level);
