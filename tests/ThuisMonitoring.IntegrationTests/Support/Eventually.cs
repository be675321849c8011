namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>Polls until a condition holds: the host answers a publish before every side effect is visible to HTTP readers.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan? timeout, string what)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (holds(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout ?? DefaultTimeout} for {what}; last seen: {value}");
            }

            await Task.Delay(100);
        }
    }
}
