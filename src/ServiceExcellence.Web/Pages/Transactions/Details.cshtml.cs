using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Transactions;

public sealed class DetailsModel(IMediator mediator) : PageModel, IHasFormOptions
{
    public TransactionDetails.Model Transaction { get; private set; } = default!;

    public TransactionSurvey.Model? Survey { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        await mediator.Send(new ResendInvitation.Command(id), cancellationToken);
        TempData["Notice"] = "The survey will be sent again within a minute.";
        return RedirectToPage(new { id });
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        var id = Guid.Parse((string)RouteData.Values["id"]!);
        Transaction = await mediator.Send(new TransactionDetails.Query(id), cancellationToken);
        Survey = await mediator.Send(new TransactionSurvey.Query(id), cancellationToken);
    }
}
