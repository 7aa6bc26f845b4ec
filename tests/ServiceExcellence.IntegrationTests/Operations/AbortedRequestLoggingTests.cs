using Microsoft.AspNetCore.Http;
using Serilog.Events;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.IntegrationTests.Operations;

/// <summary>
/// A client that gives up (wrk stopping, a phone losing its signal) cancels what its request was waiting for. The request log
/// records that as 499 at Information, not as a 500 at Error: the soak test found every such request logged as a server error.
/// </summary>
public sealed class AbortedRequestLoggingTests
{
    [Fact]
    public void A_request_the_client_abandoned_is_logged_as_499_at_information()
    {
        var context = Context(aborted: true);

        Assert.Equal(LogEventLevel.Information, AbortedRequests.LevelOf(context, 120, new OperationCanceledException()));
        Assert.Equal(LogEventLevel.Information, AbortedRequests.LevelOf(context, 120, new IOException("The client reset the request stream.")));
        Assert.Equal(StatusCodes.Status499ClientClosedRequest, AbortedRequests.StatusOf(context, StatusCodes.Status500InternalServerError));
    }

    [Fact]
    public void A_failure_while_the_client_still_waits_stays_an_error_500()
    {
        var context = Context(aborted: false);

        Assert.Equal(LogEventLevel.Error, AbortedRequests.LevelOf(context, 120, new OperationCanceledException()));
        Assert.Equal(LogEventLevel.Error, AbortedRequests.LevelOf(context, 120, new InvalidOperationException()));
        Assert.Equal(StatusCodes.Status500InternalServerError, AbortedRequests.StatusOf(context, StatusCodes.Status500InternalServerError));
    }

    [Fact]
    public void Answers_keep_their_status_and_level_when_the_client_leaves_afterwards()
    {
        var context = Context(aborted: true);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;

        Assert.Equal(LogEventLevel.Error, AbortedRequests.LevelOf(context, 120, null));
        Assert.Equal(LogEventLevel.Error, AbortedRequests.LevelOf(context, 120, new InvalidOperationException()));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, AbortedRequests.StatusOf(context, StatusCodes.Status503ServiceUnavailable));
        Assert.Equal(LogEventLevel.Information, AbortedRequests.LevelOf(Context(aborted: true), 120, null));
    }

    private static DefaultHttpContext Context(bool aborted) =>
        new() { RequestAborted = aborted ? new CancellationToken(canceled: true) : CancellationToken.None };
}
