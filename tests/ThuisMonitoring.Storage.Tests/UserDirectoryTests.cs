namespace ThuisMonitoring.Storage.Tests;

public sealed class UserDirectoryTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    [Fact]
    public async Task An_added_user_is_found_by_username()
    {
        await using var stores = await EmbeddedStores.OpenAsync(_data.Path);
        var nurse = Ward.Nurse();

        (await stores.Users.TryAddAsync(nurse, default)).Should().BeTrue();

        (await stores.Users.FindAsync("nurse.jansen", default)).Should().Be(nurse);
        (await stores.Users.CountAsync(default)).Should().Be(1);
    }

    [Theory]
    [InlineData("nurse.jansen")]
    [InlineData("Nurse.Jansen")]
    public async Task A_taken_username_is_refused_whatever_its_case(string username)
    {
        await using var stores = await EmbeddedStores.OpenAsync(_data.Path);
        await stores.Users.TryAddAsync(Ward.Nurse(), default);

        (await stores.Users.TryAddAsync(Ward.Nurse(username) with { DisplayName = "Someone else" }, default)).Should().BeFalse();

        (await stores.Users.FindAsync(username, default))!.DisplayName.Should().Be("Anna Jansen");
        (await stores.Users.CountAsync(default)).Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found()
    {
        await using var stores = await EmbeddedStores.OpenAsync(_data.Path);

        (await stores.Users.FindAsync("nobody", default)).Should().BeNull();
        (await stores.Users.CountAsync(default)).Should().Be(0);
    }

    public void Dispose() => _data.Dispose();
}
