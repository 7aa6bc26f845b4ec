using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Survey;

/// <summary>
/// The unconditional guarantee behind the survey link's token: what was invoiced, what the service was worth to the
/// customer and why. Once invoked, the same link shows the open invocation instead of the form.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Composition.PublicPagesPolicy)]
public sealed class GuaranteeModel(IMediator mediator, BadTokenThrottle throttle, ILogger<GuaranteeModel> logger)
    : SurveyPage(throttle, logger), IHasFormOptions
{
    [BindProperty]
    public InvokeGuarantee.Command Input { get; set; } = new();

    public OpenGuarantee.Model? Guarantee { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (Blocked() is { } blocked)
        {
            return blocked;
        }

        await LoadFormOptionsAsync(cancellationToken);
        return Guarantee is null ? InvalidLink() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (Blocked() is { } blocked)
        {
            return blocked;
        }

        await LoadFormOptionsAsync(cancellationToken);
        if (Guarantee is null)
        {
            return InvalidLink();
        }

        if (Guarantee.Existing is not null)
        {
            return RedirectToPage("Guarantee", new { token, lang = RequestedLanguage });
        }

        try
        {
            var result = await mediator.Send(Input with { Token = token, Language = Language }, cancellationToken);
            return RedirectToPage(result.AlreadyOpen ? "Guarantee" : "GuaranteeSent", new { token, lang = RequestedLanguage });
        }
        catch (NotFoundException)
        {
            return InvalidLink();
        }
        catch (ConflictException)
        {
            // The same invocation arrived twice at once: the first is stored, which is what the customer wanted.
            logger.LogInformation("Simultaneous second guarantee invocation for transaction {TransactionId}", Guarantee.TransactionId);
            return RedirectToPage("Guarantee", new { token, lang = RequestedLanguage });
        }
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        Guarantee = await mediator.Send(new OpenGuarantee.Query((string?)RouteData.Values["token"]), cancellationToken);
        UseLanguage(Guarantee?.Language);
    }
}
