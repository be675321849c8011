using System.Diagnostics.CodeAnalysis;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// The outcome of parsing one device payload: either the accepted <see cref="Value"/>, or the
/// <see cref="Errors"/> that reject it whole. Never both.
/// </summary>
public sealed class PayloadResult<T>
    where T : class
{
    private PayloadResult(T? value, IReadOnlyList<PayloadError> errors, string? messageId)
    {
        Value = value;
        Errors = errors;
        MessageId = messageId;
    }

    /// <summary>The parsed payload; null when the payload was rejected.</summary>
    public T? Value { get; }

    /// <summary>Why the payload was rejected; empty when it was accepted.</summary>
    public IReadOnlyList<PayloadError> Errors { get; }

    /// <summary>
    /// The <c>messageId</c> read from the payload, even when it was rejected, so the rejection on
    /// <c>.../errors</c> can name it. For a batch: the first valid <c>messageId</c> among its items.
    /// Null when none could be read.
    /// </summary>
    public string? MessageId { get; }

    /// <summary>True when the payload broke no rule; <see cref="Value"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsAccepted => Value is not null;

    internal static PayloadResult<T> Accepted(T value, string? messageId) => new(value, [], messageId);

    internal static PayloadResult<T> Rejected(IReadOnlyList<PayloadError> errors, string? messageId) => new(null, errors, messageId);
}
