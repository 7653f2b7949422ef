package cn.jianbao.intake.extraction;

/**
 * The text of an accepted upload.
 *
 * @param fileName  the name the file was uploaded under (without any client-side folder)
 * @param mediaType the format it was read as, e.g. {@code application/pdf}; a Kingsoft
 *                  {@code .wps} reads as {@code application/msword}, OFD as {@code application/ofd}
 * @param size      bytes
 * @param sha256    of the bytes, lowercase hex
 * @param text      normalised: {@code \n} line ends, no runs of blank lines, trimmed
 */
public record ExtractedDocument(String fileName, String mediaType, long size, String sha256, String text) {

    /** Never print the text: it may be classified. */
    @Override
    public String toString() {
        return "ExtractedDocument[fileName=" + fileName + ", mediaType=" + mediaType + ", size=" + size
                + ", sha256=" + sha256 + ", chars=" + (text == null ? 0 : text.length()) + "]";
    }
}
