using System.Net;
using System.Net.Http.Json;

namespace ThuisMonitoring.IntegrationTests.Calls;

[Collection(CallCentreCollection.Name)]
public sealed class TestClockAbsentTests(CallCentre centre)
{
    [Fact]
    public async Task Without_the_test_clock_setting_there_is_no_clock_to_move()
    {
        using var response = await centre.Ward.Admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = 6 });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
