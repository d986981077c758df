package io.perennial.api.portal;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.micronaut.context.MessageSource;
import io.perennial.api.billing.CreditNoteView;
import io.perennial.api.billing.InvoiceView;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * An invoice as a PDF, from the same InvoiceView, messages and money formatting as its page, in the reader's
 * language. Each character takes the first of two fonts that has it: OpenPDF's Liberation Sans (embedded, subset,
 * for Latin text and symbols), else Adobe's STSong-Light for Chinese. OpenPDF ships that font's metrics and CMaps
 * but not its glyphs, so Chinese is written as Adobe-GB1 text that the PDF viewer draws with its own Song or Hei
 * font, as viewers of Chinese PDFs do: no CJK font file is on Maven Central for the build to embed, and nothing but
 * a JDK is installed. The text extracts with a CMap-aware reader (PDFBox, pdf.js, Acrobat).
 */
@Singleton
public class InvoicePdf {

    private static final String FONT = "font-fallback/LiberationSans-Regular.ttf";
    private static final String CHINESE_FONT = "STSong-Light";
    private static final String CHINESE_ENCODING = "UniGB-UCS2-H";

    private final MessageSource messages;

    public InvoicePdf(MessageSource messages) {
        this.messages = messages;
    }

    public byte[] render(InvoiceView invoice, Locale readerLocale) {
        PortalFormat fmt = new PortalFormat(readerLocale);
        Labels labels = new Labels(messages, readerLocale);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 48, 48, 48, 48);
        try {
            BaseFont latin = BaseFont.createFont(FONT, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            BaseFont chinese = BaseFont.createFont(CHINESE_FONT, CHINESE_ENCODING, BaseFont.NOT_EMBEDDED);
            Fonts title = new Fonts(latin, chinese, 18, Font.BOLD);
            Fonts text = new Fonts(latin, chinese, 10, Font.NORMAL);
            Fonts strong = new Fonts(latin, chinese, 11, Font.BOLD);
            PdfWriter.getInstance(document, out);
            document.addTitle(labels.get("invoice.title") + " " + invoice.number());
            document.open();
            document.add(title.paragraph("Perennial — " + labels.get("invoice.title") + " " + invoice.number()));
            document.add(text.paragraph(labels.get("invoice.issued") + ": " + fmt.date(invoice.issuedAt())));
            document.add(text.paragraph(labels.get("invoice.period") + ": " + fmt.date(invoice.periodStart())
                    + " – " + fmt.date(invoice.periodEnd())));
            document.add(text.paragraph(labels.get("invoice.status") + ": "
                    + labels.get("invoice.status." + invoice.status())));
            document.add(text.paragraph(" "));
            PdfPTable lines = new PdfPTable(new float[] {4, 1.4f});
            lines.setWidthPercentage(100);
            lines.addCell(cell(labels.get("invoice.line"), strong, Element.ALIGN_LEFT));
            lines.addCell(cell(labels.get("invoice.amount"), strong, Element.ALIGN_RIGHT));
            for (InvoiceView.Line line : invoice.lines()) {
                lines.addCell(cell(line.description(), text, Element.ALIGN_LEFT));
                lines.addCell(cell(fmt.money(line.amountMinor(), invoice.currency()), text, Element.ALIGN_RIGHT));
            }
            for (InvoiceView.TaxLine tax : invoice.taxLines()) {
                // Inclusive tax is part of the lines above: shown, not added.
                String included = "INCLUSIVE".equals(invoice.taxBehavior())
                        ? " (" + labels.get("invoice.tax.included") + ")" : "";
                String taxed = tax.name() + " " + tax.ratePercent().toPlainString() + " % "
                        + labels.get("invoice.tax.on") + " " + fmt.money(tax.taxableMinor(), invoice.currency())
                        + included;
                lines.addCell(cell(taxed, text, Element.ALIGN_LEFT));
                lines.addCell(cell(fmt.money(tax.taxMinor(), invoice.currency()), text, Element.ALIGN_RIGHT));
            }
            lines.addCell(cell(labels.get("invoice.total"), strong, Element.ALIGN_LEFT));
            lines.addCell(cell(fmt.money(invoice.totalMinor(), invoice.currency()), strong, Element.ALIGN_RIGHT));
            document.add(lines);
            if (invoice.customerTaxId() != null) {
                document.add(text.paragraph(labels.get("invoice.customerTaxId") + ": " + invoice.customerTaxId()));
            }
            if (invoice.taxNote() != null) {
                document.add(strong.paragraph(invoice.taxNote()));
            }
            for (CreditNoteView note : invoice.creditNotes()) {
                document.add(text.paragraph(labels.get("invoice.creditNote") + " " + note.number() + " ("
                        + fmt.date(note.issuedAt()) + "): −" + fmt.money(note.totalMinor(), note.currency()) + " — "
                        + note.reason()));
            }
            if (invoice.paidAt() != null) {
                document.add(text.paragraph(labels.get("invoice.paid") + ": " + fmt.date(invoice.paidAt())));
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("invoice " + invoice.number() + " could not be laid out", e);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenPDF's bundled font is missing", e);
        }
        return out.toByteArray();
    }

    private static PdfPCell cell(String content, Fonts fonts, int alignment) {
        PdfPCell cell = new PdfPCell(fonts.phrase(content));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(5);
        return cell;
    }

    /** The portal's strings in the reader's language. */
    private record Labels(MessageSource messages, Locale locale) {

        String get(String key) {
            return messages.getMessage(key, locale).orElse(key);
        }
    }

    /** One size and style in both fonts: a phrase takes each character from the first font that has it. */
    private record Fonts(BaseFont latin, BaseFont chinese, float size, int style) {

        Phrase phrase(String content) {
            FontSelector selector = new FontSelector();
            selector.addFont(new Font(latin, size, style));
            selector.addFont(new Font(chinese, size, style));
            return selector.process(content);
        }

        Paragraph paragraph(String content) {
            return new Paragraph(phrase(content));
        }
    }
}
