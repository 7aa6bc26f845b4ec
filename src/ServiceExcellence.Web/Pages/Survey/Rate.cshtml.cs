using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Ratings;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Survey;

/// <summary>
/// The rating page behind the emailed link. GET shows it (a score from the email's button is only
/// pre-selected); only the POST with its antiforgery token records anything.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Composition.PublicPagesPolicy)]
public sealed class RateModel(IMediator mediator, BadTokenThrottle throttle, ILogger<RateModel> logger)
    : SurveyPage(throttle, logger), IHasFormOptions, IChecksOwnModelState
{
    [BindProperty]
    public SubmitRating.Command Input { get; set; } = new();

    public OpenSurvey.Survey? Survey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, int? score, CancellationToken cancellationToken)
    {
        if (Blocked() is { } blocked)
        {
            return blocked;
        }

        Survey = await mediator.Send(new OpenSurvey.Query(token), cancellationToken);
        if (Survey is null)
        {
            return InvalidLink();
        }

        UseLanguage(Survey.Language);
        Input = Survey.Existing is { } answer
            ? new SubmitRating.Command
            {
                Overall = answer.Overall,
                Reliability = answer.Reliability,
                Responsiveness = answer.Responsiveness,
                FeelingValued = answer.FeelingValued,
                Empathy = answer.Empathy,
                Competency = answer.Competency,
                LikelihoodToRecommend = answer.LikelihoodToRecommend,
                FailureCategoryIds = [.. answer.FailureCategoryIds],
                Comment = answer.Comment,
            }
            : new SubmitRating.Command { Overall = score is >= 1 and <= 5 ? score : null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (Blocked() is { } blocked)
        {
            return blocked;
        }

        // The command finds the link itself and refuses one that cannot be answered, so what the form shows
        // (OpenSurvey) is read only when the page is shown again. The language is the request's culture,
        // which SurveyLanguageProvider has already taken from the same link.
        UseLanguage(null);
        if (!ModelState.IsValid)
        {
            // An unreadable form (a tampered score) on a bad link is still a bad link, counted by the throttle.
            await LoadFormOptionsAsync(cancellationToken);
            return Survey is null ? InvalidLink() : Page();
        }

        try
        {
            await mediator.Send(Input with { Token = token, Language = Language }, cancellationToken);
        }
        catch (NotFoundException)
        {
            return InvalidLink();
        }
        catch (ValidationException)
        {
            // A bad link gets the one bad-link answer, and counts towards its throttle, however wrong the form is too.
            await LoadFormOptionsAsync(cancellationToken);
            if (Survey is null)
            {
                return InvalidLink();
            }

            throw; // ValidationPageFilter puts the messages beside the fields.
        }
        catch (ConflictException)
        {
            // The same answer arrived twice at once: the first one is recorded, which is what the customer wanted.
            await LoadFormOptionsAsync(cancellationToken);
            logger.LogInformation("Simultaneous second submission for invitation {InvitationId}", Survey?.InvitationId);
        }

        return RedirectToPage("Thanks", new { token, lang = RequestedLanguage });
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        Survey = await mediator.Send(new OpenSurvey.Query((string?)RouteData.Values["token"]), cancellationToken);
        UseLanguage(Survey?.Language);
    }
}
