export { checkedCode, checkedDate, checkedIdNumber, escapeLike } from '@hub/access';
