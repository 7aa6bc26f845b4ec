using Mediator;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Survey;

/// <summary>
/// One-click unsubscribe (RFC 8058): mail clients POST <c>List-Unsubscribe=One-Click</c> to the address in the
/// List-Unsubscribe header, without cookies or a form token. The secret link token is the authority; a
/// browser that opens the same address gets the confirmation page instead.
/// </summary>
public static class SurveyEndpoints
{
    public static void MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        var oneClick = app.MapGroup("/u/{token}/one-click").AllowAnonymous().RequireRateLimiting(Composition.PublicPagesPolicy);
        oneClick.MapGet(string.Empty, (string token) => Results.Redirect($"/u/{Uri.EscapeDataString(token)}"));
        oneClick.MapPost(string.Empty, async (string token, HttpContext context, IMediator mediator, BadTokenThrottle throttle) =>
        {
            if (throttle.IsBlocked(context))
            {
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            try
            {
                await mediator.Send(new Unsubscribe.Command(token), context.RequestAborted);
                return Results.Ok();
            }
            catch (NotFoundException)
            {
                return throttle.RecordBadToken(context) ? Results.NotFound() : Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }
        }).DisableAntiforgery();
    }
}
