using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.Outbox;

/// <summary>Every email the product sends, with its delivery state; failed ones can be sent again.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty(SupportsGet = true)]
    public OutboxStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    // From the query string only: Razor Pages keep the page's own path in the route value "page".
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListOutbox.Result Outbox { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        await mediator.Send(new RetryEmail.Command(id), cancellationToken);
        TempData["Notice"] = "The email is back in the queue and will be sent again within a few seconds.";
        return LocalRedirect(ListUrl(Status, PageNumber));
    }

    /// <summary>The list is shown again under the message when a retry is refused.</summary>
    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        Outbox = await mediator.Send(new ListOutbox.Query(Status, Search, PageNumber), cancellationToken);

    /// <summary>
    /// This list with a status filter and the current search. Built by hand, not with the page link
    /// helpers, which would replace a "page" value with the page's path.
    /// </summary>
    public string ListUrl(OutboxStatus? status, int page = 1, string? handler = null, Guid? id = null)
    {
        var query = new QueryBuilder();
        if (handler is not null)
        {
            query.Add("handler", handler);
        }

        if (id is { } messageId)
        {
            query.Add("id", messageId.ToString());
        }

        if (status is { } filter)
        {
            query.Add("status", filter.ToString());
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            query.Add("search", Search.Trim());
        }

        if (page > 1)
        {
            query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        }

        return Url.Page("/Admin/Outbox/Index") + query.ToQueryString();
    }

    public static string KindLabel(string kind) => kind switch
    {
        EmailKinds.SurveyInvitation => "Survey invitation",
        EmailKinds.SurveyReminder => "Survey reminder",
        _ => kind,
    };

    public static string StatusBadge(OutboxStatus status) => status switch
    {
        OutboxStatus.Sent => "text-bg-success",
        OutboxStatus.Failed => "text-bg-danger",
        _ => "text-bg-warning",
    };
}
