namespace ThuisMonitoring.Storage.Outbox;

/// <summary>A due row of an outbox: the document as enqueued, the attempts so far and the error of the last one.</summary>
internal readonly record struct OutboxEntry<TDocument>(TDocument Document, int Attempts, string? LastError);
