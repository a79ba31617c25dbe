package dev.berth.docker.internal.engine;

/** The parts of an image reference: {@code registry:5000/team/app:1.0} is repository {@code registry:5000/team/app}, tag {@code 1.0}. */
public final class ImageReference {
    private ImageReference() {
    }

    public static String repository(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(0, at);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    public static String tag(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    }
}
