using System.Collections.Immutable;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// An in-memory copy of one table of documents keyed by patient id, for a store whose file only this process writes:
/// the table is read once, at the first read after the process started; from then on the store hands every committed
/// change to <see cref="Take"/> (before its caller is answered) and an erasure has the row read again
/// (<see cref="Reread"/>), so a read of the copy sees every write that has completed, as a read of the file would.
/// Readers get an immutable snapshot and take no lock.
/// </summary>
internal sealed class DocumentCopy<T> : IDisposable
    where T : class
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<T>>> _readAll;
    private readonly Func<T, string> _keyOf;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _gate = new();

    // Null until loaded; replaced whole on every change.
    private ImmutableDictionary<string, T>? _copy;

    // While the table is being loaded: the changes committed meanwhile, applied over what the load read, in order.
    private List<(string Key, T? Document)>? _changedWhileLoading;

    public DocumentCopy(Func<CancellationToken, Task<IReadOnlyList<T>>> readAll, Func<T, string> keyOf)
    {
        _readAll = readAll;
        _keyOf = keyOf;
    }

    /// <summary>Every document by key (the table is read at the first call).</summary>
    public ValueTask<ImmutableDictionary<string, T>> ReadAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _copy) is { } copy ? ValueTask.FromResult(copy) : new ValueTask<ImmutableDictionary<string, T>>(LoadAsync(cancellationToken));

    /// <summary>The file now holds <paramref name="document"/> under <paramref name="key"/> (null: no row). Called in commit order.</summary>
    public void Take(string key, T? document)
    {
        lock (_gate)
        {
            TakeLocked(key, document);
        }
    }

    /// <summary>
    /// The row of <paramref name="key"/> may have changed outside <see cref="Take"/> (an erasure): read again by
    /// <paramref name="readRow"/> under the lock <see cref="Take"/> takes, so no commit slips between the read and the copy.
    /// </summary>
    public void Reread(string key, Func<T?> readRow)
    {
        lock (_gate)
        {
            TakeLocked(key, readRow());
        }
    }

    public void Dispose() => _loading.Dispose();

    private void TakeLocked(string key, T? document)
    {
        _changedWhileLoading?.Add((key, document));
        if (_copy is { } copy)
        {
            Volatile.Write(ref _copy, document is null ? copy.Remove(key) : copy.SetItem(key, document));
        }
    }

    private async Task<ImmutableDictionary<string, T>> LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _copy) is { } loaded)
            {
                return loaded;
            }

            lock (_gate)
            {
                _changedWhileLoading = [];
            }

            IReadOnlyList<T> stored;
            try
            {
                stored = await _readAll(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate)
                {
                    _changedWhileLoading = null;
                }

                throw;
            }

            var builder = ImmutableDictionary.CreateBuilder<string, T>(StringComparer.Ordinal);
            foreach (var document in stored)
            {
                builder[_keyOf(document)] = document;
            }

            lock (_gate)
            {
                // A change committed after the load began may or may not be in what it read: applied again, in commit
                // order, each leaves its key as the file had it then.
                foreach (var (key, document) in _changedWhileLoading!)
                {
                    if (document is null)
                    {
                        builder.Remove(key);
                    }
                    else
                    {
                        builder[key] = document;
                    }
                }

                _changedWhileLoading = null;
                var copy = builder.ToImmutable();
                Volatile.Write(ref _copy, copy);
                return copy;
            }
        }
        finally
        {
            _loading.Release();
        }
    }
}
